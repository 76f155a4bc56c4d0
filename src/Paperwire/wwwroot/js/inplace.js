// Votes, "Not interested" and follows without a page reload. A form marked data-inplace is posted in the
// background; the server answers as it does without script (a redirect back to this page), and this page's <main>
// is swapped for the one it sends, so the reader keeps their scroll position and focus. Without script the same
// forms post as plain forms; if anything unexpected happens (an error page, a redirect elsewhere) the browser is
// sent where a plain form would have taken it.

// What identifies a form across the swap: its action plus its hidden fields (several follow forms share one action).
function identity(form) {
  const fields = [...form.querySelectorAll("input[type=hidden]")]
    .filter((input) => input.name !== "__RequestVerificationToken")
    .map((input) => `${input.name}=${input.value}`);
  return `${form.getAttribute("action")}|${fields.join("&")}`;
}

function paperOf(form) {
  return new URL(form.action, location.href).searchParams.get("id");
}

function pathOf(form) {
  return new URL(form.action, location.href).pathname;
}

// After the swap: the same control if it is still there (a vote button), else the control of the same kind for
// the same paper ("Not interested" and its undo), else any control for that paper, else the main content.
function refocus(before, path, paper) {
  const forms = [...document.querySelectorAll("form[data-inplace]")];
  const samePaper = forms.filter((f) => paper !== null && paperOf(f) === paper);
  const form = forms.find((f) => identity(f) === before) ?? samePaper.find((f) => pathOf(f) === path) ?? samePaper[0];
  const target = form?.querySelector("button") ?? document.querySelector("main");
  if (target instanceof HTMLElement) {
    if (target.tagName === "MAIN") target.tabIndex = -1;
    target.focus({ preventScroll: true });
  }
}

async function postInPlace(form, submitter) {
  const before = identity(form);
  const path = pathOf(form);
  const paper = paperOf(form);
  form.setAttribute("aria-busy", "true");
  let response;
  try {
    response = await fetch(form.action, { method: "POST", body: new FormData(form, submitter), credentials: "same-origin" });
  } catch {
    form.removeAttribute("aria-busy");
    form.submit();
    return;
  }

  const landed = new URL(response.url);
  if (!response.ok || landed.origin !== location.origin || landed.pathname !== location.pathname) {
    // The post has happened (these forms say what they want, so it is safe to repeat): show what it led to.
    location.assign(response.ok ? landed.href : location.href);
    return;
  }

  const next = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("main");
  const main = document.querySelector("main");
  if (next === null || main === null) {
    location.assign(landed.href);
    return;
  }

  const scroll = window.scrollY;
  main.replaceWith(document.adoptNode(next));
  if (landed.href !== location.href) history.replaceState(null, "", landed.href);
  window.scrollTo(0, scroll);
  refocus(before, path, paper);
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-inplace") || event.defaultPrevented) return;
  event.preventDefault();
  postInPlace(form, event.submitter);
});
