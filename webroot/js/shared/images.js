// Uploaded images come in four widths (/media/<hash>-1280.jpg, -640, -400, -160; see the media
// context): a page asks for the one it shows, and lets the browser pick a sharper one on dense
// screens. Other images (the demo's SVG placeholders, external URLs) are used as they are.
const UPLOADED = /^(\/media\/[0-9a-f]+)-1280\.(jpg|png)$/;
const WIDTHS = [160, 400, 640, 1280];

/** The rendition of an uploaded image at width (one of 160, 400, 640, 1280); any other URL unchanged. */
export function sized(url, width) {
  return String(url || '').replace(UPLOADED, `$1-${width}.$2`);
}

/** img attributes for an image shown at about `shown` CSS pixels wide: src, and srcset for uploads. */
export function imageAttrs(url, shown) {
  if (!UPLOADED.test(String(url || ''))) return { src: url };
  const src = sized(url, WIDTHS.find((w) => w >= shown) || 1280);
  return { src, srcset: WIDTHS.map((w) => `${sized(url, w)} ${w}w`).join(', '), sizes: `${shown}px` };
}
