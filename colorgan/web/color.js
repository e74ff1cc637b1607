// colorgan's color science in JavaScript, matched to colorgan.core (sRGB <-> CIE Lab, D65, 2° observer), to
// Colorizer.render_shape, to the generator's padding, to colorgan.hints.hint_maps and to Pillow's bicubic resize with
// reducing_gap=3 (what Colorizer.model_input uses), so the page colors a photo as `Colorizer` does in Python; and to
// colorgan.hints.spread_hints (Pillow's gray and bilinear resize, scikit-image's Felzenszwalb segmentation).
// Plain ES module, no dependencies: the page's worker imports it, and node runs it in the parity test.

export const L_SCALE = 50, AB_SCALE = 110, MULTIPLE = 32, HINT_PATCH = 3;
const M = [[0.412453, 0.357580, 0.180423], [0.212671, 0.715160, 0.072169], [0.019334, 0.119193, 0.950227]];
const WHITE = [0.95047, 1.0, 1.08883];
const EPS = 0.008856, KAPPA = 7.787;

function invert3(m) {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g, det = a * A + b * B + c * C;
  return [[A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
          [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
          [C / det, -(a * h - b * g) / det, (a * e - b * d) / det]];
}
const MI = invert3(M);
const LIN = new Float64Array(256); // sRGB byte -> linear light
for (let i = 0; i < 256; i++) { const x = i / 255; LIN[i] = x > 0.04045 ? Math.pow((x + 0.055) / 1.055, 2.4) : x / 12.92; }
const fLab = t => t > EPS ? Math.cbrt(t) : KAPPA * t + 16 / 116;

// Lightness L (0-100) of an sRGB byte triple: what join_ab keeps of the photo.
export function lightness(r, g, b) { return 116 * fLab(M[1][0] * LIN[r] + M[1][1] * LIN[g] + M[1][2] * LIN[b]) - 16; }

// Full Lab of an sRGB byte triple (the hint colors' ab).
export function rgbToLab(r, g, b) {
  const l = [LIN[r], LIN[g], LIN[b]];
  const [x, y, z] = M.map((row, k) => (row[0] * l[0] + row[1] * l[1] + row[2] * l[2]) / WHITE[k]);
  const fx = fLab(x), fy = fLab(y), fz = fLab(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const srgb = v => { v = v < 0 ? 0 : v > 1 ? 1 : v; v = v > 0.0031308 ? 1.055 * Math.pow(Math.max(v, 1e-12), 1 / 2.4) - 0.055 : 12.92 * v; return v < 0 ? 0 : v > 1 ? 1 : v; };
const finv = f => f > 0.2068966 ? f * f * f : (f - 16 / 116) / KAPPA;
const roundEven = v => { const r = Math.round(v); return (r - v === 0.5 && r % 2 !== 0) ? r - 1 : r; }; // Python's and torch's round()

// Lab -> sRGB bytes, clipped to the gamut as colorgan.core.lab_to_rgb does; writes into out[o..o+2].
export function labToRgbBytes(L, a, b, out, o) {
  const fy = (L + 16) / 116, fx = a / 500 + fy, fz = Math.max(fy - b / 200, 0);
  const x = finv(fx) * WHITE[0], y = finv(fy) * WHITE[1], z = finv(fz) * WHITE[2];
  out[o] = roundEven(srgb(MI[0][0] * x + MI[0][1] * y + MI[0][2] * z) * 255);
  out[o + 1] = roundEven(srgb(MI[1][0] * x + MI[1][1] * y + MI[1][2] * z) * 255);
  out[o + 2] = roundEven(srgb(MI[2][0] * x + MI[2][1] * y + MI[2][2] * z) * 255);
}

// Colorizer.render_shape: short side about `renderSize`, each side the nearest multiple of 32 unless that stretches it by more than 1/7.
export function renderShape(w, h, renderSize) {
  const s = renderSize / Math.min(w, h);
  return [w * s, h * s].map(v => { const n = Math.max(MULTIPLE, roundEven(v / MULTIPLE) * MULTIPLE); return Math.abs(n - v) <= v / 7 ? n : Math.max(1, roundEven(v)); });
}

// ---- Pillow's Image.resize(size, BICUBIC, reducing_gap=3) on 8-bit RGB(A), channel by channel ----
const PB = 22; // Pillow's PRECISION_BITS for 8-bit images
const bicubic = x => { const a = -0.5; x = Math.abs(x); if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1; if (x < 2) return (((x - 5) * x + 8) * x - 4) * a; return 0; };
bicubic.support = 2;
const bilinear = x => { x = Math.abs(x); return x < 1 ? 1 - x : 0; };
bilinear.support = 1;
const f32 = Math.fround;

function coeffs(inSize, in0, in1, outSize, filter) { // Pillow's precompute_coeffs + normalize_coeffs_8bpc
  const scale = (in1 - in0) / outSize, fscale = Math.max(scale, 1), support = filter.support * fscale, ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2), kk = new Int32Array(outSize * ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = in0 + (xx + 0.5) * scale, ss = 1 / fscale;
    let xmin = Math.trunc(center - support + 0.5); if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5); if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    const k = new Float64Array(xmax); let ww = 0;
    for (let x = 0; x < xmax; x++) { k[x] = filter((x + xmin - center + 0.5) * ss); ww += k[x]; }
    for (let x = 0; x < xmax; x++) { const v = ww !== 0 ? k[x] / ww : k[x]; kk[xx * ksize + x] = v < 0 ? Math.trunc(-0.5 + v * (1 << PB)) : Math.trunc(0.5 + v * (1 << PB)); }
    bounds[xx * 2] = xmin; bounds[xx * 2 + 1] = xmax;
  }
  return { ksize, bounds, kk };
}
const clip8 = ss => { const v = Math.floor(ss / (1 << PB)); return v < 0 ? 0 : v > 255 ? 255 : v; };

function reduce(src, W, H, C, fx, fy) { // Pillow's Image.reduce((fx, fy)), partial blocks at the right and bottom edges included
  const w = Math.ceil(W / fx), h = Math.ceil(H / fy), out = new Uint8Array(w * h * C);
  for (let y = 0; y < h; y++) {
    const y0 = y * fy, ny = Math.min(fy, H - y0);
    for (let x = 0; x < w; x++) {
      const x0 = x * fx, nx = Math.min(fx, W - x0), n = nx * ny;
      const mult = Math.trunc(f32(4294967296 / f32(256 * n))), amend = Math.trunc(n / 2);
      for (let c = 0; c < C; c++) {
        let ss = 0;
        for (let j = 0; j < ny; j++) { let p = ((y0 + j) * W + x0) * C + c; for (let i = 0; i < nx; i++, p += C) ss += src[p]; }
        out[(y * w + x) * C + c] = Math.floor((ss + amend) * mult / 16777216);
      }
    }
  }
  return { data: out, W: w, H: h };
}

function resample(src, W, H, C, w, h, box, filter = bicubic) { // Pillow's ImagingResample: horizontal pass first, then vertical, 8-bit between
  const needH = w !== W || box[0] !== 0 || box[2] !== w, needV = h !== H || box[1] !== 0 || box[3] !== h;
  const ch = coeffs(W, box[0], box[2], w, filter), cv = coeffs(H, box[1], box[3], h, filter);
  let data = src, cur = { W, H }, yFirst = 0;
  if (needH) {
    yFirst = cv.bounds[0];
    const yLast = cv.bounds[h * 2 - 2] + cv.bounds[h * 2 - 1], rows = yLast - yFirst, tmp = new Uint8Array(w * rows * C);
    for (let y = 0; y < rows; y++) for (let xx = 0; xx < w; xx++) {
      const xmin = ch.bounds[xx * 2], n = ch.bounds[xx * 2 + 1], k = xx * ch.ksize;
      for (let c = 0; c < C; c++) {
        let ss = 1 << (PB - 1), p = ((y + yFirst) * W + xmin) * C + c;
        for (let x = 0; x < n; x++, p += C) ss += src[p] * ch.kk[k + x];
        tmp[(y * w + xx) * C + c] = clip8(ss);
      }
    }
    data = tmp; cur = { W: w, H: rows };
  }
  if (!needV) return data;
  const out = new Uint8Array(w * h * C), shift = needH ? yFirst : 0;
  for (let yy = 0; yy < h; yy++) {
    const ymin = cv.bounds[yy * 2] - shift, n = cv.bounds[yy * 2 + 1], k = yy * cv.ksize;
    for (let x = 0; x < cur.W; x++) for (let c = 0; c < C; c++) {
      let ss = 1 << (PB - 1), p = (ymin * cur.W + x) * C + c;
      for (let y = 0; y < n; y++, p += cur.W * C) ss += data[p] * cv.kk[k + y];
      out[(yy * cur.W + x) * C + c] = clip8(ss);
    }
  }
  return out;
}

// src: W*H*C bytes -> w*h*C bytes, as PIL's img.resize((w, h), Image.BICUBIC, reducing_gap=3.)
export function resizeBicubic(src, W, H, C, w, h) {
  if (w === W && h === H) return src.slice();
  let box = [0, 0, W, H], cur = { data: src, W, H };
  const fx = Math.trunc(W / w / 3) || 1, fy = Math.trunc(H / h / 3) || 1;
  if (fx > 1 || fy > 1) { cur = reduce(src, W, H, C, fx, fy); box = [0, 0, f32(W / fx), f32(H / fy)]; }
  return resample(cur.data, cur.W, cur.H, C, w, h, box);
}

// src: W*H*C bytes -> w*h*C bytes, as PIL's img.resize((w, h), Image.BILINEAR)
export function resizeBilinear(src, W, H, C, w, h) {
  return w === W && h === H ? src.slice() : resample(src, W, H, C, w, h, [0, 0, W, H], bilinear);
}

// Pillow's convert('L') of RGB(A) bytes: ITU-R 601-2 luma in 16-bit fixed point (the gray that spread_hints segments).
export function grayBytes(rgba, W, H) {
  const g = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++) g[i] = (rgba[i * 4] * 19595 + rgba[i * 4 + 1] * 38470 + rgba[i * 4 + 2] * 7471 + 0x8000) >>> 16;
  return g;
}

// The generator's input: normalized L (L/50 - 1) of the photo resized to the render shape, padded to a multiple of 32 at the
// right and bottom (reflect, or replicate when the photo is smaller than the padding), as colorgan.generator.pad_to_multiple.
// rgba: the photo's W*H*4 bytes. Returns {L, w, h, pw, ph} with L of size pw*ph.
export function modelInput(rgba, W, H, renderSize) {
  const [w, h] = renderShape(W, H, renderSize);
  const rgb = new Uint8Array(W * H * 3);
  for (let i = 0, j = 0; i < W * H; i++, j += 3) { rgb[j] = rgba[i * 4]; rgb[j + 1] = rgba[i * 4 + 1]; rgb[j + 2] = rgba[i * 4 + 2]; }
  const small = resizeBicubic(rgb, W, H, 3, w, h);
  const L = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) L[i] = lightness(small[i * 3], small[i * 3 + 1], small[i * 3 + 2]) / L_SCALE - 1;
  return { ...pad(L, w, h, 1), w, h };
}

export function pad(src, w, h, C) { // src: C planes of w*h; pads each to multiples of 32 as pad_to_multiple does
  const pw = Math.ceil(w / MULTIPLE) * MULTIPLE, ph = Math.ceil(h / MULTIPLE) * MULTIPLE;
  if (pw === w && ph === h) return { data: src, pw, ph };
  const reflect = (ph - h) < h && (pw - w) < w;
  const idx = (i, n) => i < n ? i : reflect ? 2 * (n - 1) - i : n - 1;
  const out = new Float32Array(C * pw * ph);
  for (let c = 0; c < C; c++) for (let y = 0; y < ph; y++) for (let x = 0; x < pw; x++)
    out[(c * ph + y) * pw + x] = src[(c * h + idx(y, h)) * w + idx(x, w)];
  return { data: out, pw, ph };
}

// colorgan.hints.hint_maps: each hint's ab (normalized) in a 3x3 square around the render pixel its point falls in, and a mask.
// hints: [{x, y, color: '#rrggbb'}] in pixels of the W x H photo. Returns 3 planes of w*h (hint a, hint b, mask).
export function hintMaps(hints, W, H, w, h) {
  const m = new Float32Array(3 * w * h);
  for (const { x, y, color } of hints) {
    const [r, g, b] = [1, 3, 5].map(k => parseInt(color.slice(k, k + 2), 16));
    const [, a, bb] = rgbToLab(r, g, b);
    const cx = Math.min(Math.trunc((x + 0.5) * w / W), w - 1), cy = Math.min(Math.trunc((y + 0.5) * h / H), h - 1);
    const y0 = cy - Math.trunc(HINT_PATCH / 2), x0 = cx - Math.trunc(HINT_PATCH / 2);
    for (let yy = Math.max(y0, 0); yy < Math.min(y0 + HINT_PATCH, h); yy++) for (let xx = Math.max(x0, 0); xx < Math.min(x0 + HINT_PATCH, w); xx++) {
      m[yy * w + xx] = Math.fround(a / AB_SCALE); m[w * h + yy * w + xx] = Math.fround(bb / AB_SCALE); m[2 * w * h + yy * w + xx] = 1;
    }
  }
  return m;
}

// colorgan.core.join_ab: the photo's own L at full resolution joined with ab (Lab units, 2 planes of w*h, resized bilinearly
// as torch's interpolate with align_corners=False). rgba: W*H*4 bytes, read and written in place (alpha set to 255).
export function joinAB(rgba, W, H, ab, w, h) {
  const axis = (n, N) => { // source index and weight of each output index, as torch's upsample_bilinear2d
    const i0 = new Int32Array(N), i1 = new Int32Array(N), l = new Float64Array(N), s = n / N;
    for (let o = 0; o < N; o++) {
      let src = (o + 0.5) * s - 0.5; if (src < 0) src = 0;
      const a = Math.trunc(src); i0[o] = a; i1[o] = a + (a < n - 1 ? 1 : 0); l[o] = src - a;
    }
    return { i0, i1, l };
  };
  const X = axis(w, W), Y = axis(h, H), plane = w * h;
  for (let y = 0; y < H; y++) {
    const r0 = Y.i0[y] * w, r1 = Y.i1[y] * w, ly = Y.l[y];
    for (let x = 0; x < W; x++) {
      const c0 = X.i0[x], c1 = X.i1[x], lx = X.l[x], p = (y * W + x) * 4;
      const A = (1 - ly) * ((1 - lx) * ab[r0 + c0] + lx * ab[r0 + c1]) + ly * ((1 - lx) * ab[r1 + c0] + lx * ab[r1 + c1]);
      const B = (1 - ly) * ((1 - lx) * ab[plane + r0 + c0] + lx * ab[plane + r0 + c1]) + ly * ((1 - lx) * ab[plane + r1 + c0] + lx * ab[plane + r1 + c1]);
      labToRgbBytes(lightness(rgba[p], rgba[p + 1], rgba[p + 2]), A, B, rgba, p);
      rgba[p + 3] = 255;
    }
  }
  return rgba;
}

// ---- scikit-image's felzenszwalb(image, scale, sigma, min_size) on a one-channel float image ----
// scipy's gaussian_filter (truncate 4, mode 'reflect'), 8-connected edges weighted by |difference|, visited from the smallest
// weight up: two segments join whenever the edge's weight is below both segments' inner cost + scale/255/size (float32, as
// the Cython code); then segments under min_size are merged along the sorted edges. Edges of equal weight are taken in index order (numpy's argsort leaves their order
// to its sort), so a segment's border can differ from scikit-image's by a pixel where weights tie.
function gaussian(src, w, h, sigma) {
  const r = Math.trunc(4 * sigma + 0.5), k = new Float64Array(2 * r + 1); let sum = 0;
  for (let i = -r; i <= r; i++) { k[i + r] = Math.exp(-0.5 / (sigma * sigma) * i * i); sum += k[i + r]; }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  const refl = (i, n) => { const p = 2 * n; i = ((i % p) + p) % p; return i < n ? i : p - 1 - i; }; // d c b a | a b c d
  const tmp = new Float64Array(w * h), out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { // axis 0 (rows) first, as scipy
    let s = 0; for (let j = -r; j <= r; j++) s += src[refl(y + j, h) * w + x] * k[j + r]; tmp[y * w + x] = s;
  }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let s = 0; for (let j = -r; j <= r; j++) s += tmp[y * w + refl(x + j, w)] * k[j + r]; out[y * w + x] = s;
  }
  return out;
}

export function felzenszwalb(img, w, h, scale = 1, sigma = 0.8, minSize = 20) { // img: w*h floats; returns w*h segment labels (each its root pixel)
  const im = gaussian(img, w, h, sigma), m = (w - 1) * h + w * (h - 1) + 2 * Math.max(0, w - 1) * Math.max(0, h - 1);
  const a = new Int32Array(m), b = new Int32Array(m), cost = new Float64Array(m); let ne = 0;
  const edge = (p, q) => { a[ne] = p; b[ne] = q; cost[ne++] = Math.abs(im[p] - im[q]); };
  for (let y = 0; y < h; y++) for (let x = 1; x < w; x++) edge(y * w + x, y * w + x - 1); // right
  for (let y = 1; y < h; y++) for (let x = 0; x < w; x++) edge(y * w + x, (y - 1) * w + x); // down
  for (let y = 1; y < h; y++) for (let x = 1; x < w; x++) edge(y * w + x, (y - 1) * w + x - 1); // down-right
  for (let y = 0; y < h - 1; y++) for (let x = 1; x < w; x++) edge(y * w + x, (y + 1) * w + x - 1); // up-right
  const order = Uint32Array.from({ length: m }, (_, i) => i).sort((i, j) => cost[i] - cost[j] || i - j);
  const forest = Int32Array.from({ length: w * h }, (_, i) => i), size = new Int32Array(w * h).fill(1), cint = new Float64Array(w * h);
  const root = n => { while (forest[n] < n) n = forest[n]; return n; };
  const setRoot = (n, r) => { while (forest[n] < n) { const j = forest[n]; forest[n] = r; n = j; } forest[n] = r; };
  const join = (n, m) => { if (n === m) return; let r = root(n); const rm = root(m); if (r > rm) r = rm; setRoot(n, r); setRoot(m, r); };
  const k = scale / 255;
  for (const e of order) {
    const s0 = root(a[e]), s1 = root(b[e]); if (s0 === s1) continue;
    const i0 = f32(cint[s0] + k / size[s0]), i1 = f32(cint[s1] + k / size[s1]);
    if (cost[e] < Math.min(i0, i1)) { join(s0, s1); const s = root(s0); size[s] = size[s0] + size[s1]; cint[s] = cost[e]; }
  }
  for (const e of order) {
    const s0 = root(a[e]), s1 = root(b[e]); if (s0 === s1) continue;
    if (size[s0] < minSize || size[s1] < minSize) { join(s0, s1); const s = root(s0); size[s] = size[s0] + size[s1]; }
  }
  return Int32Array.from({ length: w * h }, (_, i) => root(i));
}

// colorgan.hints.gray_segments: Felzenszwalb's segments of the gray photo (Pillow's luma) resized, bilinear, to a short side
// of `side`. Returns { seg, w, h, f }: the w x h labels and the factor from the photo's pixels to theirs. One photo's segments
// serve every click on it: the worker keeps them (`spreadHints`' `segments`).
export function graySegments(rgba, W, H, { scale = 50, side = 128 } = {}) {
  const f = side / Math.min(W, H), w = Math.max(1, roundEven(W * f)), h = Math.max(1, roundEven(H * f));
  const small = resizeBilinear(grayBytes(rgba, W, H), W, H, 1, w, h), img = new Float64Array(w * h);
  for (let i = 0; i < w * h; i++) img[i] = small[i] / 255;
  return { seg: felzenszwalb(img, w, h, scale, 0.8, 20), w, h, f };
}

// colorgan.hints.spread_hints: each hint repeated, with its color, at up to `points` more points of its Felzenszwalb segment of
// the gray photo (short side `side`). The points are drawn with this module's own generator (seeded), so they are not the ones
// numpy draws in Python; they lie in the same segment. hints: [{x, y, color}] in pixels of the W x H photo; rgba: W*H*4 bytes;
// segments: this photo's `graySegments`, if already made (then rgba is not read).
export function spreadHints(rgba, W, H, hints, { points = 8, scale = 50, side = 128, seed = 0, segments = null } = {}) {
  if (!hints.length || points <= 0) return hints.slice();
  const { seg, w, h, f } = segments ?? graySegments(rgba, W, H, { scale, side });
  let t = seed >>> 0; // mulberry32
  const rand = () => { t = (t + 0x6D2B79F5) >>> 0; let r = Math.imul(t ^ (t >>> 15), 1 | t); r ^= r + Math.imul(r ^ (r >>> 7), 61 | r); return ((r ^ (r >>> 14)) >>> 0) / 4294967296; };
  const out = hints.slice();
  for (const { x, y, color } of hints) {
    const id = seg[Math.min(Math.trunc(y * f), h - 1) * w + Math.min(Math.trunc(x * f), w - 1)], members = [];
    for (let i = 0; i < w * h; i++) if (seg[i] === id) members.push(i);
    const n = Math.min(points, members.length);
    for (let j = 0; j < n; j++) { // a partial Fisher-Yates shuffle: n distinct pixels of the segment
      const r = j + Math.floor(rand() * (members.length - j)); [members[j], members[r]] = [members[r], members[j]];
      const px = members[j] % w, py = Math.trunc(members[j] / w);
      out.push({ x: Math.min(W - 1, (px + 0.5) / f), y: Math.min(H - 1, (py + 0.5) / f), color });
    }
  }
  return out;
}
