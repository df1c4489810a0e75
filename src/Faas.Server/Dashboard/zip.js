// A folder chosen ("Choose a folder", <input webkitdirectory>) or dropped on the dashboard, zipped in the browser so it
// deploys exactly as a dropped zip does. The zip writer is our own: stored entries (no compression), CRC-32, UTF-8 names.
// What the CLI's content hash leaves out is left out here too: hidden entries and node_modules, target, __pycache__,
// venv, dist, build folders. window.FaasZip is what app.js uses.
'use strict';

(() => {
  const SKIPPED_FOLDERS = new Set(['node_modules', 'target', '__pycache__', 'venv', 'dist', 'build']);

  // A path inside the folder ("lib/util.js") that the CLI would not upload either.
  function isSkipped(path) {
    const parts = path.split('/');
    return parts.some((p) => p.startsWith('.')) || parts.slice(0, -1).some((p) => SKIPPED_FOLDERS.has(p));
  }

  // A folder: its name and its files ({ path relative to it, File }), sorted by path, skipped ones left out.
  function folder(name, files) {
    const kept = files.filter((f) => !isSkipped(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { name, files: kept, size: kept.reduce((sum, f) => sum + f.file.size, 0) };
  }

  // The files of <input type=file webkitdirectory>: each one's webkitRelativePath starts with the folder's name.
  function fromFileList(list) {
    const all = [...list];
    if (!all.length) return null;
    const name = all[0].webkitRelativePath.split('/')[0];
    return folder(name, all.map((file) => ({ path: file.webkitRelativePath.split('/').slice(1).join('/'), file })));
  }

  // The folder in a drop, if one was dropped. Called in the drop handler itself: the items are gone once it returns.
  function droppedFolder(dataTransfer) {
    for (const item of dataTransfer && dataTransfer.items ? [...dataTransfer.items] : []) {
      const entry = item.kind === 'file' && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
      if (entry && entry.isDirectory) return entry;
    }
    return null;
  }

  const readBatch = (reader) => new Promise((resolve, reject) => reader.readEntries(resolve, reject));
  const fileOf = (entry) => new Promise((resolve, reject) => entry.file(resolve, reject));

  // Every file under a FileSystemDirectoryEntry, recursively; skipped folders are not even read.
  async function fromEntry(root) {
    const files = [];
    const walk = async (directory, prefix) => {
      const reader = directory.createReader();
      // readEntries answers in batches (100 in Chromium) until an empty one.
      for (let batch = await readBatch(reader); batch.length; batch = await readBatch(reader)) {
        for (const entry of batch) {
          const path = prefix + entry.name;
          if (entry.isDirectory) {
            if (!isSkipped(`${path}/x`)) await walk(entry, `${path}/`);
          } else if (entry.isFile && !isSkipped(path)) {
            files.push({ path, file: await fileOf(entry) });
          }
        }
      }
    };
    await walk(root, '');
    return folder(root.name, files);
  }

  const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    let crc = 0xFFFFFFFF;
    for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  // MS-DOS time and date of a timestamp (local time, 2-second steps, from 1980).
  function dosTime(ms) {
    const d = new Date(Math.max(ms || Date.now(), new Date(1980, 0, 1).getTime()));
    return {
      time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
      date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    };
  }

  // The header fields shared by a local header (signature 0x04034b50) and a central directory entry.
  function header(size, fields) {
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    for (const [offset, width, value] of fields) {
      if (width === 2) view.setUint16(offset, value, true);
      else view.setUint32(offset, value, true);
    }
    return bytes;
  }

  // A zip (stored, no zip64) of the files, as a Blob. Entries over 4 GiB or over 65535 files are refused.
  async function zip(files) {
    if (files.length > 0xFFFF) throw new Error(`The folder has ${files.length} files; a zip built here holds at most 65535.`);
    const encoder = new TextEncoder();
    const parts = [];
    const central = [];
    let offset = 0;
    for (const { path, file } of files) {
      const data = new Uint8Array(await file.arrayBuffer());
      const name = encoder.encode(path);
      const crc = crc32(data);
      const { time, date } = dosTime(file.lastModified);
      // version 2.0, flag 0x0800 (UTF-8 names), method 0 (stored).
      const common = [[6, 2, 0x0800], [8, 2, 0], [10, 2, time], [12, 2, date], [14, 4, crc], [18, 4, data.length], [22, 4, data.length], [26, 2, name.length]];
      const local = header(30, [[0, 4, 0x04034b50], [4, 2, 20], ...common]);
      if (offset + local.length + name.length + data.length > 0xFFFFFFFF) throw new Error('The folder is over 4 GiB: too large to zip here.');
      central.push(header(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], ...common.map(([o, w, v]) => [o + 2, w, v]), [42, 4, offset]]), name);
      parts.push(local, name, data);
      offset += local.length + name.length + data.length;
    }
    const centralSize = central.reduce((sum, part) => sum + part.length, 0);
    const end = header(22, [[0, 4, 0x06054b50], [8, 2, files.length], [10, 2, files.length], [12, 4, centralSize], [16, 4, offset]]);
    return new Blob([...parts, ...central, end], { type: 'application/zip' });
  }

  window.FaasZip = { isSkipped, fromFileList, droppedFolder, fromEntry, zip, crc32 };
})();
