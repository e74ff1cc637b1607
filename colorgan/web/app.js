// The page: pick, drop or choose a photo; the worker colorizes it at the render size with the hints given; before | after; save.
const $ = id => document.getElementById(id);
const status = (msg, kind = '') => { $('status').textContent = msg; $('status').className = kind; };
const MAX_MP = 50; // a photo is held several times over as RGBA: past this the tab may run out of memory
const state = { name: null, rgba: null, W: 0, H: 0, hints: [], wanted: null, busy: false, again: false, result: null, seq: 0 };
window.colorgan = state; // for scripts that drive the page (its tests)

const manifest = await (await fetch('manifest.json')).json();
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
if (!manifest.hints) { $('color').disabled = true; $('clear').hidden = true; $('fill').disabled = true; }
$('about').textContent = `colorgan ${manifest.version}, model ${manifest.model}: ${manifest.about}`;
state.wanted = manifest.render_size;
for (const s of manifest.samples) $('pick').add(new Option(s.replace(/\.[^.]+$/, ''), s));
$('pick').add(new Option('(your photo)', '')); $('pick').options[manifest.samples.length].hidden = true;

function fitSlider() { // each photo gets the size last chosen (the model's own at first), within what this photo allows
  const short = Math.min(state.W, state.H), top = Math.max(64, Math.min(768, Math.floor(short / 32) * 32));
  $('size').max = top; $('size').value = Math.min(state.wanted, top); $('sizeout').textContent = $('size').value;
  $('sizenote').textContent = `The model's own size is ${manifest.render_size} px, where its colors are cleanest; larger sizes look at finer detail and can speckle. ` +
    (short < 64 ? `This photo (${state.W}×${state.H} px) is smaller than the slider's smallest size, 64 px, where it renders.`
     : `The slider stops at ${top} px` + (Math.floor(short / 32) * 32 > 768 ? ', the largest render size.' : `: this photo's short side (${short} px), to a multiple of 32.`));
}

async function load(blob, name) {
  let bmp;
  try { bmp = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none', imageOrientation: 'from-image' }); }
  catch (e) { status(`${name}: this browser cannot decode it as an image (${e.message || e})`, 'error'); return; }
  if (bmp.width * bmp.height > MAX_MP * 1e6) { status(`${name}: ${bmp.width}×${bmp.height} is over this page's limit of ${MAX_MP} megapixels`, 'error'); return; }
  const c = new OffscreenCanvas(bmp.width, bmp.height), g = c.getContext('2d');
  g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height); g.drawImage(bmp, 0, 0); // transparency on white, as colorgan.core.to_rgb
  Object.assign(state, { name, photo: (state.photo || 0) + 1, W: c.width, H: c.height, rgba: g.getImageData(0, 0, c.width, c.height).data, hints: [] }); // photo: a new number for each photo loaded, so the worker knows when the segments it keeps are another photo's
  const gray = new ImageData(new Uint8ClampedArray(state.rgba), state.W, state.H); // the 'before' picture: the photo in gray (BT.601 luma; the model itself reads Lab L)
  for (let i = 0; i < gray.data.length; i += 4) { const v = Math.round(0.299 * gray.data[i] + 0.587 * gray.data[i + 1] + 0.114 * gray.data[i + 2]); gray.data[i] = gray.data[i + 1] = gray.data[i + 2] = v; }
  state.gray = gray;
  fitSlider(); showHints(); render();
}

function drawBefore() { // the gray photo, and a ring in its color at each hint
  const c = $('before'), g = c.getContext('2d');
  if (c.width !== state.W || c.height !== state.H) { c.width = state.W; c.height = state.H; }
  g.putImageData(state.gray, 0, 0);
  const r = Math.max(4, Math.min(state.W, state.H) / 60);
  for (const h of state.hints) {
    g.beginPath(); g.arc(h.x, h.y, r, 0, 2 * Math.PI); g.fillStyle = h.color; g.fill();
    g.lineWidth = Math.max(1.5, r / 3); g.strokeStyle = '#fff'; g.stroke();
  }
}

function render() { // one job at a time; a change while the worker is busy runs once it is done, with the latest settings
  if (!state.rgba) return;
  if (state.busy) { state.again = true; return; }
  state.busy = true; state.again = false; $('save').disabled = true;
  const n = state.hints.length, size = +$('size').value, id = ++state.seq, fill = n > 0 && $('fill').checked;
  const said = n ? ` with ${n} hint${n > 1 ? 's' : ''}` + (fill ? ', each filling its region' : '') : '';
  status(`colorizing ${state.name} at render size ${size}${said}…`, 'busy');
  const rgba = new Uint8ClampedArray(state.rgba); // a copy goes to the worker (transferred), the photo stays here
  worker.postMessage({ id, photo: state.photo, rgba, W: state.W, H: state.H, renderSize: size, hints: state.hints.map(({ x, y, color }) => ({ x, y, color })), fill }, [rgba.buffer]);
  worker.onmessage = ({ data }) => {
    state.busy = false;
    if (data.error) status(`${state.name}: could not colorize it (${data.error})`, 'error');
    else {
      const after = $('after'); after.width = data.W; after.height = data.H;
      after.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(data.rgba.buffer), data.W, data.H), 0, 0);
      state.result = { rgba: data.rgba, W: data.W, H: data.H, w: data.w, h: data.h, ms: data.ms, threads: data.threads, size, hints: n, fill, spread: data.spread, reused: data.reused }; // spread: the hints the model saw when filling
      status(`${state.name}: colorized at render size ${size}${said}` +
             ` (${data.w}×${data.h} for the model; ${(data.ms.total / 1000).toFixed(2)} s, ${data.threads} thread${data.threads > 1 ? 's' : ''})`);
      $('save').disabled = false;
    }
    if (state.again) render();
  };
}

function showHints() {
  drawBefore();
  const ul = $('hints'); ul.replaceChildren();
  state.hints.forEach((h, i) => {
    const li = document.createElement('li'), b = document.createElement('button');
    li.innerHTML = `<span class="swatch" style="background:${h.color}"></span> ${h.color} at (${Math.round(h.x)}, ${Math.round(h.y)}) `;
    b.textContent = 'remove'; b.className = 'remove-hint'; b.onclick = () => { state.hints.splice(i, 1); showHints(); render(); };
    li.append(b); ul.append(li);
  });
  $('clear').disabled = !state.hints.length;
}

$('before').addEventListener('click', e => { // a click on the photo: a hint there, in the photo's pixels
  if (!state.rgba) return;
  if (!manifest.hints) { status('this page\'s model takes no hints: export it with a model that has a hint model (the shipped one does)', 'error'); return; }
  const r = e.target.getBoundingClientRect();
  const x = Math.min(state.W - 1, Math.max(0, (e.clientX - r.left) / r.width * state.W)), y = Math.min(state.H - 1, Math.max(0, (e.clientY - r.top) / r.height * state.H));
  state.hints.push({ x, y, color: $('color').value }); showHints(); render();
});
$('clear').onclick = () => { state.hints = []; showHints(); render(); };
$('fill').onchange = () => { if (state.hints.length) render(); };
$('size').oninput = () => { $('sizeout').textContent = $('size').value; };
$('size').onchange = () => { state.wanted = +$('size').value; render(); };
$('pick').onchange = async () => { const f = $('pick').value; if (!f) return; status(`loading ${f}…`, 'busy'); load(await (await fetch(`samples/${f}`)).blob(), f); };
$('file').onchange = () => { const f = $('file').files[0]; if (f) { $('pick').value = ''; load(f, f.name); } $('file').value = ''; };
const drop = $('drop');
drop.ondragover = e => { e.preventDefault(); drop.classList.add('over'); };
drop.ondragleave = () => drop.classList.remove('over');
drop.ondrop = e => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer.files[0]; if (f) { $('pick').value = ''; load(f, f.name); } };
$('save').onclick = () => { // the full-size PNG, as the app's save link
  const c = $('after');
  c.toBlob(b => { const a = document.createElement('a'); a.href = URL.createObjectURL(b); a.download = state.name.replace(/\.[^.]+$/, '') + '-colorized.png'; a.click(); setTimeout(() => URL.revokeObjectURL(a.href), 10000); }, 'image/png');
};
$('pick').value = manifest.samples.includes(manifest.first) ? manifest.first : manifest.samples[0];
$('pick').onchange(); // it opens with a bundled photo already colorized
