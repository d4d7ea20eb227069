// @ts-check
// Thumbnails only while their card is on or near the screen. WebKit keeps the
// decoded picture of every <img> it has drawn for as long as the image holds
// its source: about 230 KB for each 320×180 thumbnail, so a 500-clip project
// scrolled through held some 120 MB (`cargo xtask bench-app`). A card that
// moves well off the screen gives its picture up, and takes it back from the
// shell's thumbnail cache on disk before it returns.

/** Loaded this far ahead of the screen, so scrolling does not show blank cards. */
const AHEAD = "800px 0px";

let observer = null;

function watcher() {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const img = /** @type {HTMLImageElement | null} */ (entry.target.querySelector(".clip-thumb img"));
        if (!img?.dataset.thumb) continue;
        if (entry.isIntersecting) {
          if (img.getAttribute("src") !== img.dataset.thumb) img.src = img.dataset.thumb;
        } else {
          img.removeAttribute("src");
        }
      }
    },
    { rootMargin: AHEAD },
  );
  return observer;
}

/** Gives card `li` the thumbnail at `url`, shown while the card is near the screen. */
export function showThumbnailNearScreen(li, img, url) {
  img.dataset.thumb = url;
  watcher().observe(li);
}

/** Stops watching every card (a new project replaces them all). */
export function forgetThumbnails() {
  observer?.disconnect();
}
