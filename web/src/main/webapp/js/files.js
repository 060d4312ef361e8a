// Files and images. Uploads go to /upload/mobileFileUpload with a progress bar, then the message
// names the file by its fileId (MTT-001 image, MTT-002 file, MTT-003 voice; MTS-… in groups).
// Downloads need the bearer token, so the page fetches the bytes and shows them from a blob URL.

import { el, humanSize } from './dom.js';

const blobs = new Map(); // fileId → Promise of an object URL, fetched once per page

function blobUrl(api, fileId) {
  if (!blobs.has(fileId)) blobs.set(fileId, api.file(fileId).then((b) => URL.createObjectURL(b)));
  return blobs.get(fileId);
}

/** The message type for a file: by its MIME type, in a 1:1 chat or a group. */
export function fileType(file, group) {
  const n = file.type.startsWith('image/') ? 1 : file.type.startsWith('audio/') ? 3 : 2;
  return (group ? 'MTS-00' : 'MTT-00') + n;
}

/** What a file message shows: a thumbnail, a player, or a download link with name and size. */
export function fileElement(m, api) {
  const b = m.body[0] || {};
  const fileId = b.file_id;
  const name = b.file_name || 'file';
  const size = Number(b.file_size);
  if (m.type.endsWith('1')) {
    const img = el('img', { class: 'thumb', alt: 'Image ' + name });
    const link = el('a', { class: 'image-link', target: '_blank', rel: 'noopener' }, img);
    blobUrl(api, fileId).then((url) => { img.src = url; link.href = url; }).catch(() => { img.alt = 'Image not available'; });
    return link;
  }
  if (m.type.endsWith('3')) {
    const audio = el('audio', { controls: true, preload: 'none', 'aria-label': 'Voice message' });
    blobUrl(api, fileId).then((url) => { audio.src = url; }).catch(() => audio.replaceWith('Voice message not available'));
    return audio;
  }
  const label = name + (Number.isFinite(size) ? ' (' + humanSize(size) + ')' : '');
  return el('button', {
    type: 'button', class: 'file-link link', 'aria-label': 'Download ' + label,
    on: {
      click: async (e) => {
        const button = e.currentTarget;
        try {
          const a = el('a', { href: await blobUrl(api, fileId), download: name, hidden: true });
          document.body.append(a); a.click(); a.remove();
        } catch { button.textContent = name + ': not available'; }
      },
    },
  }, '⬇ ' + label);
}
