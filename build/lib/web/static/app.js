// Progressive enhancement only: every page works without this file.
"use strict";

function enhanceTurn(turn) {
  const button = turn.querySelector(".copy-briefing");
  if (!button || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = turn.querySelector(".briefing").textContent;
    const status = turn.querySelector(".copied");
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Copied to the clipboard.";
    } catch (err) {
      status.textContent = "Could not copy; use Download .md instead.";
    }
  });
}

function enhanceChat(form) {
  const conversation = document.getElementById("conversation");
  const question = form.querySelector("#question");
  const button = form.querySelector("button[type=submit]");
  question.addEventListener("keydown", (event) => {
    // Enter asks; Shift+Enter starts a new line.
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!question.value.trim()) return;
    button.disabled = true;
    button.textContent = "Reading the letters…";
    try {
      const response = await fetch(form.action + "?partial=true", { method: "POST", body: new FormData(form) });
      const html = await response.text();
      if (!response.ok) throw new Error(html);
      const holder = document.createElement("div");
      holder.innerHTML = html; // server-rendered and escaped by the template engine
      const turn = holder.firstElementChild;
      const intro = conversation.querySelector(".intro");
      if (intro) intro.remove();
      conversation.appendChild(turn);
      enhanceTurn(turn);
      const earlier = document.createElement("input");
      earlier.type = "hidden";
      earlier.name = "history";
      earlier.value = turn.dataset.question;
      form.prepend(earlier);
      form.querySelector("label[for=question]").textContent = "Ask a follow-up question";
      question.value = "";
      turn.scrollIntoView({ block: "start" });
      question.focus();
    } catch (err) {
      form.submit(); // fall back to the full page, which shows the error clearly
    } finally {
      button.disabled = false;
      button.textContent = "Ask";
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".turn").forEach(enhanceTurn);
  const form = document.getElementById("ask-form");
  if (form) enhanceChat(form);
  const cited = document.getElementById("cited");
  if (cited) {
    cited.scrollIntoView({ block: "center" });
    cited.focus({ preventScroll: true });
  }
});
