// What the participant's device can do, for the choose screen.

/**
 * touchOnly reports whether the page is used by touch alone: a coarse
 * pointer and no fine one (a phone, or a tablet without mouse or
 * trackpad). Such devices cannot drag files, and most cannot pick folders
 * (folder picking came to iOS Safari 18.4 and Chrome for Android 132 only),
 * so the choose screen offers them the single-file path with phone steps.
 */
export function touchOnly(win) {
  if (!win || typeof win.matchMedia !== 'function') return false;
  return win.matchMedia('(pointer: coarse)').matches && !win.matchMedia('(any-pointer: fine)').matches;
}
