// The analyse form: a text or file over the limits is refused here, before it is sent, so the
// page stays as it was (what was pasted kept) instead of the server's 413 replacing it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-max-chars]");
  if (!form) return;
  const maxChars = Number(form.dataset.maxChars);
  const maxBytes = Number(form.dataset.maxBytes);
  const note = form.querySelector(".limit-error");
  form.addEventListener("submit", (event) => {
    const file = form.elements.file.files[0];
    const text = form.elements.text.value;
    let problem = "";
    if (file && file.size > maxBytes) {
      problem = `The file is ${file.size.toLocaleString("en")} bytes; files of up to ` +
        `${maxBytes.toLocaleString("en")} bytes are accepted.`;
    } else if (!file && [...text].length > maxChars) {
      problem = `The text is ${[...text].length.toLocaleString("en")} characters; at most ` +
        `${maxChars.toLocaleString("en")} characters (about ten hours of talk) are analysed ` +
        "at once: split it.";
    }
    if (problem) {
      event.preventDefault();
      note.textContent = problem;
      note.hidden = false;
    } else {
      note.hidden = true;
    }
  });
});
