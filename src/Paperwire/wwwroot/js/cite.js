// The paper page's "Copy BibTeX" button. Without script the BibTeX is shown, selectable, and linked as a file; with
// it, the button (hidden until this runs, see cite.css) copies the text. Listening on the document keeps the button
// working after inplace.js swaps the page's <main> for a fresh one.
if (navigator.clipboard) {
  document.documentElement.classList.add("can-copy");
  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-copy]") : null;
    if (button === null) return;
    const source = document.getElementById(button.dataset.copy);
    const status = button.parentElement?.querySelector(".cite-status");
    try {
      await navigator.clipboard.writeText(source?.textContent ?? "");
      if (status) status.textContent = "Copied.";
    } catch {
      if (status) status.textContent = "Could not copy; select the text and copy it.";
    }
  });
}
