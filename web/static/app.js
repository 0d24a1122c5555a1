// Progressive enhancement only: every page works without this file.
"use strict";

// The clipboard API exists only on HTTPS or localhost; a plain-HTTP intranet host gets the fallback.
const canCopy = () => Boolean(navigator.clipboard && window.isSecureContext);

function randomKey() {
  // crypto.getRandomValues works on plain HTTP too (crypto.randomUUID needs a secure context).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function within(ms, promise) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
}

async function copy(text, status, fallback) {
  if (canCopy()) {
    try {
      // A browser waiting on a permission prompt never settles the promise: give up after 2 s.
      await within(2000, navigator.clipboard.writeText(text));
      status.textContent = "Copied to the clipboard.";
      return;
    } catch (err) {
      // fall through to the selectable text
    }
  }
  if (fallback) {
    fallback.open = true;
    const box = fallback.querySelector("textarea");
    box.focus();
    box.select();
    status.textContent = "Copying is not available here: the text is selected, press Ctrl+C to copy it.";
  } else {
    status.textContent = "Copying is not available here: select the reference and press Ctrl+C.";
  }
}

function enhanceCopyButtons(root) {
  root.querySelectorAll(".copy-ref").forEach((button) => {
    button.hidden = false;
    const holder = button.closest(".source, .cited-ref");
    const status = holder.querySelector(".copied") || root.querySelector(".copied");
    button.addEventListener("click", () => copy(button.dataset.ref, status, null));
  });
}

function enhanceTurn(turn) {
  const button = turn.querySelector(".copy-briefing");
  const status = turn.querySelector(".actions .copied");
  button.hidden = false;
  button.addEventListener("click", () =>
    copy(turn.querySelector("textarea.briefing").value, status, turn.querySelector(".briefing-text"))
  );
  enhanceCopyButtons(turn);
}

// --- filters: the summary says what applies, and "Clear filters" clears without a reload -------
function chipsOf(form) {
  const value = (name) => (form.querySelector(`[name=${name}]`) || {}).value || "";
  const chips = [];
  if (value("sender").trim()) chips.push(`Only letters from '${value("sender").trim()}'`);
  if (value("recipient").trim()) chips.push(`Only letters to '${value("recipient").trim()}'`);
  if (value("since") && value("until")) chips.push(`Dated ${value("since")} to ${value("until")}`);
  else if (value("since")) chips.push(`Dated from ${value("since")}`);
  else if (value("until")) chips.push(`Dated until ${value("until")}`);
  return chips;
}

function enhanceFilters(form) {
  const details = form.querySelector(".filters");
  if (!details) return;
  const summary = details.querySelector(".filter-summary");
  const update = () => {
    const chips = chipsOf(form);
    summary.textContent = chips.length ? ": " + chips.join("; ") : "";
  };
  details.addEventListener("input", update);
  const clear = details.querySelector(".clear-filters");
  if (clear && form.classList.contains("ask")) {
    clear.addEventListener("click", (event) => {
      event.preventDefault();
      details.querySelectorAll("input").forEach((input) => (input.value = ""));
      update();
      details.querySelector("input").focus();
    });
  }
}

// --- the chat ------------------------------------------------------------------------------------
function enhanceChat(form) {
  const conversation = document.getElementById("conversation");
  const announce = document.getElementById("announce");
  const question = form.querySelector("#question");
  const button = form.querySelector("button[type=submit]");
  let asking = false;
  question.addEventListener("keydown", (event) => {
    // Enter asks; Shift+Enter starts a new line.
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", async (event) => {
    if (form.dataset.full) return; // the full page starts the next conversation
    event.preventDefault();
    if (asking || !question.value.trim()) return; // a second Enter while one is in flight: ignored
    asking = true;
    const body = new FormData(form);
    const pending = document.createElement("article");
    pending.className = "turn pending";
    const heading = document.createElement("h2");
    heading.className = "question";
    heading.textContent = question.value.trim();
    const waiting = document.createElement("p");
    waiting.className = "waiting";
    waiting.textContent = "Reading the letters…";
    pending.append(heading, waiting);
    const intro = conversation.querySelector(".intro");
    if (intro) intro.remove();
    conversation.appendChild(pending);
    conversation.setAttribute("aria-busy", "true");
    button.textContent = "Asking…";
    pending.scrollIntoView({ block: "nearest" });
    try {
      const response = await fetch(form.action + "?partial=true", { method: "POST", body });
      const html = await response.text();
      if (!response.ok) throw new Error(html);
      const holder = document.createElement("div");
      holder.innerHTML = html; // server-rendered and escaped by the template engine
      const turn = holder.querySelector("article.turn");
      pending.replaceWith(turn);
      enhanceTurn(turn);
      const url = response.headers.get("X-Conversation");
      if (url && location.pathname !== url) {
        history.replaceState(null, "", url);
        const title = document.querySelector(".chat-head h1");
        if (title) title.textContent = turn.dataset.question; // a new conversation is named by its question
      }
      let field = form.querySelector("input[name=conversation]");
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = "conversation";
        form.prepend(field);
      }
      field.value = url.split("/").pop();
      form.querySelector("input[name=submit_key]").value = randomKey();
      form.querySelector("label[for=question]").textContent = "Ask a follow-up question";
      question.value = "";
      announce.textContent = turn.dataset.announce;
      turn.scrollIntoView({ block: "start" });
    } catch (err) {
      form.submit(); // the full page (same submit key, so never a second turn) shows any error clearly
    } finally {
      asking = false;
      conversation.setAttribute("aria-busy", "false");
      button.textContent = "Ask";
    }
  });
}

// --- focus never hidden behind the sticky ask form (WCAG 2.2 SC 2.4.11) -------------------------
function keepFocusVisible(form) {
  const sticky = () => getComputedStyle(form).position === "sticky";
  const measure = () =>
    document.documentElement.style.setProperty("--ask-height", sticky() ? `${form.offsetHeight}px` : "0px");
  new ResizeObserver(measure).observe(form);
  window.addEventListener("resize", measure);
  document.addEventListener("focusin", (event) => {
    if (form.contains(event.target) || !sticky()) return;
    const covered = event.target.getBoundingClientRect().bottom - form.getBoundingClientRect().top;
    if (covered > -8) window.scrollBy(0, covered + 16);
  });
}

// --- the letter view: focus the cited span the link names ---------------------------------------
function focusCited() {
  const wanted = location.hash && document.getElementById(location.hash.slice(1));
  const target = wanted && wanted.matches("mark.cited") ? wanted : document.getElementById("cited");
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }
}

document.addEventListener("keydown", (event) => {
  // Esc dismisses a citation preview (WCAG 1.4.13); it comes back on the next hover or focus.
  if (event.key === "Escape") document.body.classList.add("previews-off");
});
for (const type of ["pointerover", "focusin"]) {
  document.addEventListener(type, () => document.body.classList.remove("previews-off"));
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.delete").forEach((form) =>
    form.addEventListener("submit", (event) => {
      if (!window.confirm("Delete this conversation? It cannot be brought back.")) event.preventDefault();
    })
  );
  document.querySelectorAll("article.turn").forEach(enhanceTurn);
  document.querySelectorAll("form").forEach(enhanceFilters);
  const form = document.getElementById("ask-form");
  if (form) {
    enhanceChat(form);
    keepFocusVisible(form);
  }
  if (document.querySelector(".letter-body")) {
    enhanceCopyButtons(document);
    focusCited();
    window.addEventListener("hashchange", focusCited);
  }
});
