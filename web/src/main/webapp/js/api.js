// The HTTP API (docs/api.md): every operation is /plugins/tlim/<name> with the bearer token, and
// answers {result, result_detail, …}. A failure becomes an ApiError carrying its error code; a
// 401 (error-027: the token expired or was revoked) is reported once through onUnauthenticated.

export class ApiError extends Error {
  constructor(code, detail, status) {
    super(detail || code);
    this.code = code;
    this.status = status;
  }
}

export function createApi(token, onUnauthenticated) {
  const headers = { Authorization: 'Bearer ' + token };

  async function answer(response) {
    if (response.status === 401) {
      onUnauthenticated();
      throw new ApiError('error-027', 'not authenticated', 401);
    }
    const json = await response.json().catch(() => null);
    if (json === null) throw new ApiError('error-025', 'unreadable answer (HTTP ' + response.status + ')', response.status);
    if (!Array.isArray(json) && json.result !== 'ok') throw new ApiError(json.result_detail, json.detail, response.status);
    return json;
  }

  /** GET with a query string: the reads. */
  async function get(operation, params = {}) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) query.set(k, String(v));
    return answer(await fetch('/plugins/tlim/' + operation + '?' + query, { headers }));
  }

  /** POST with a JSON body: the changes (lists such as subscribers stay JSON arrays). */
  async function post(operation, body) {
    return answer(await fetch('/plugins/tlim/' + operation, {
      method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    }));
  }

  return {
    get, post, token,
    /** A file's bytes as a Blob (downloads need the token too, so no plain <a href>). */
    async file(fileId) {
      const response = await fetch('/upload/mobileFileDownload?fileId=' + encodeURIComponent(fileId), { headers });
      if (response.status === 401) { onUnauthenticated(); throw new ApiError('error-027', 'not authenticated', 401); }
      if (!response.ok) throw new ApiError('error-023', 'file not available (HTTP ' + response.status + ')', response.status);
      return response.blob();
    },
    /** Uploads with progress (fetch has no upload progress; XMLHttpRequest does). Resolves to the fileId. */
    upload(file, onProgress) {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/upload/mobileFileUpload');
        xhr.setRequestHeader('Authorization', headers.Authorization);
        xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
        xhr.onerror = () => reject(new ApiError('error-025', 'the upload was interrupted'));
        xhr.onload = () => {
          if (xhr.status === 401) { onUnauthenticated(); reject(new ApiError('error-027', 'not authenticated', 401)); return; }
          let json = null;
          try { json = JSON.parse(xhr.responseText); } catch { /* reported below */ }
          if (json && json.result === 'ok') resolve(json.fileId);
          else reject(new ApiError(json ? json.result_detail : 'error-025', json ? json.detail : 'HTTP ' + xhr.status, xhr.status));
        };
        const form = new FormData();
        form.append('file', file, file.name);
        xhr.send(form);
      });
    },
  };
}
