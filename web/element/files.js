// Turning what the participant picked or dropped into an engine input.

/**
 * fromInput returns the engine input for a file input's FileList: the
 * single File, or for a folder pick the FileList itself (each File's
 * webkitRelativePath is its path). null when nothing was picked.
 */
export function fromInput(input) {
  const files = input.files;
  if (!files || files.length === 0) return null;
  if (input.hasAttribute('webkitdirectory') || files.length > 1) return Array.from(files);
  return files[0];
}

/**
 * fromDrop returns the engine input for a drop: a single File, or
 * [{path, file}] for a dropped folder (read through the entries API).
 */
export async function fromDrop(dataTransfer) {
  const items = Array.from(dataTransfer.items || []);
  const entries = items.map((it) => (it.webkitGetAsEntry ? it.webkitGetAsEntry() : null)).filter(Boolean);
  if (entries.some((e) => e.isDirectory)) {
    const out = [];
    for (const e of entries) await walk(e, out);
    return out;
  }
  const files = Array.from(dataTransfer.files || []);
  if (files.length === 0) return null;
  return files.length === 1 ? files[0] : files;
}

async function walk(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}
