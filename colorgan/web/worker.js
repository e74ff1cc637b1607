// The page's worker: the model (onnxruntime-web, WebAssembly) and the color science, off the page's main thread.
// It receives a photo's RGBA pixels, the render size, the hints and whether to fill their regions; it sends back the colorized
// RGBA at full resolution.
import * as ort from './ort/ort.wasm.min.mjs';
import * as C from './color.js';

ort.env.wasm.wasmPaths = new URL('./ort/', import.meta.url).href; // the runtime's files lie beside the page: nothing from the internet
ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1)) : 1; // threads need cross-origin isolation
const sessions = {};
let segmented = null; // { photo, segments }: the last photo's gray segments, made once and used by every click on it
const session = kind => sessions[kind] ??= ort.InferenceSession.create(new URL(`./models/${kind}.onnx`, import.meta.url).href,
                                                                        { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });

self.onmessage = async ({ data }) => {
  const { id, photo, rgba, W, H, renderSize, hints, fill } = data;
  try {
    const kind = hints && hints.length ? 'hints' : 'auto';
    const tl = performance.now(), s = await session(kind); // the first time: fetch and load the model
    const t0 = performance.now();
    let given = hints, reused = false;
    if (fill && kind === 'hints') { // "fill the region": each hint repeated over its segment of the gray photo
      reused = segmented?.photo === photo;
      if (!reused) segmented = { photo, segments: C.graySegments(rgba, W, H) };
      given = C.spreadHints(rgba, W, H, hints, { segments: segmented.segments });
    }
    const ts = performance.now();
    const x = C.modelInput(rgba, W, H, renderSize);
    const feeds = { L: new ort.Tensor('float32', x.data, [1, 1, x.ph, x.pw]) };
    if (kind === 'hints') feeds.hints = new ort.Tensor('float32', C.pad(C.hintMaps(given, W, H, x.w, x.h), x.w, x.h, 3).data, [1, 3, x.ph, x.pw]);
    const t1 = performance.now();
    const out = (await s.run(feeds)).ab.data; // (1, 2, ph, pw), normalized
    const t2 = performance.now();
    const ab = new Float32Array(2 * x.w * x.h); // cropped to the render shape, in Lab units
    for (let c = 0; c < 2; c++) for (let y = 0; y < x.h; y++) for (let i = 0; i < x.w; i++)
      ab[(c * x.h + y) * x.w + i] = out[(c * x.ph + y) * x.pw + i] * C.AB_SCALE;
    C.joinAB(rgba, W, H, ab, x.w, x.h);
    const t3 = performance.now();
    self.postMessage({ id, rgba, W, H, w: x.w, h: x.h, threads: ort.env.wasm.numThreads, spread: given !== hints ? given : null, reused,
                       ms: { load: t0 - tl, spread: ts - t0, input: t1 - ts, model: t2 - t1, join: t3 - t2, total: t3 - t0 } }, [rgba.buffer]);
  } catch (e) { self.postMessage({ id, error: String((e && e.message) || e) }); }
};
