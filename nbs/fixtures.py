"Test fixtures shared by the notebooks' tests. Not part of the colorgan library."
import shutil
from pathlib import Path
import numpy as np
from PIL import Image
from colorgan.core import sample_photos, load_rgb

def make_messy_folder(dest:str|Path # folder to create (emptied first)
                     )->Path:
    "A folder of real photos mixed with broken, gray, tiny and awkward files."
    dest = Path(dest)
    if dest.exists(): shutil.rmtree(dest)
    (dest/'nested'/'deeper').mkdir(parents=True)
    photos = sample_photos()
    good = load_rgb(photos[0]).resize((160, 160))
    for i, p in enumerate(photos[:4]): load_rgb(p).resize((200, 150)).save(dest/f'photo_{i}.jpg', quality=90)
    data = (dest/'photo_0.jpg').read_bytes()
    (dest/'corrupt.jpg').write_bytes(data[:20] + bytes(range(256)) * 2 + data[532:]) # a JPEG whose header is damaged
    (dest/'truncated.jpg').write_bytes(data[:len(data) // 2])
    (dest/'empty.jpg').write_bytes(b'')
    (dest/'notes.png').write_text('this is a text file with an image extension')
    (dest/'nested'/'deeper'/'noise.jpeg').write_bytes(np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8).tobytes())
    rgba = good.convert('RGBA'); rgba.putalpha(128); rgba.save(dest/'rgba.png')
    good.convert('P', palette=Image.ADAPTIVE).save(dest/'palette.png')
    good.convert('CMYK').save(dest/'cmyk.jpg')
    Image.fromarray((np.asarray(good.convert('L')).astype(np.uint16) * 257)).save(dest/'gray16.png')
    import tifffile # ships with scikit-image; Pillow can read but not write 16-bit color
    tifffile.imwrite(dest/'color16.tif', np.asarray(good).astype(np.uint16) * 257)
    good.convert('L').save(dest/'nested'/'gray.jpg')
    good.convert('L').convert('RGB').save(dest/'no_color_rgb.png')
    good.resize((8, 8)).save(dest/'tiny.png')
    exif = Image.Exif(); exif[0x0112] = 6 # rotated 90°: stored landscape, shown portrait
    good.resize((160, 120)).save(dest/'nested'/'rotated.jpg', exif=exif)
    good.save(dest/'animated.gif', save_all=True, append_images=[good.rotate(90)], duration=100)
    return dest
