//! Files in and out of the page, all within the browser: a file from this site (`fetch_bytes`,
//! same origin), a file the learner picks or drops (`read_file`: its bytes never leave the
//! browser), and a download the page makes (`save`: a `Blob` handed to the browser's own save).

use wasm_bindgen::JsCast;

/// The bytes at `url` (this site), or the HTTP status that refused them (0: no answer).
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, u16> {
    let window = web_sys::window().ok_or(0u16)?;
    let answer = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| 0u16)?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| 0u16)?;
    if !response.ok() {
        return Err(response.status());
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(|_| 0u16)?).await.map_err(|_| 0u16)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A picked or dropped file's name and bytes (`None`: the browser could not read it).
pub async fn read_file(file: web_sys::File) -> Option<(String, Vec<u8>)> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    Some((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// Offers `bytes` as a download named `name` of type `mime`. Whether the browser took it.
pub fn save(name: &str, mime: &str, bytes: &[u8]) -> bool {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let saved = save_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    saved
}

/// Offers a canvas's picture as a PNG download.
pub fn save_png(name: &str, canvas: &web_sys::HtmlCanvasElement) -> bool {
    canvas.to_data_url().is_ok_and(|url| save_url(name, &url))
}

fn save_url(name: &str, url: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(a) = document.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) else { return false };
    a.set_href(url);
    a.set_download(name);
    a.click();
    true
}
