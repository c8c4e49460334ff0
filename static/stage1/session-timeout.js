// Warns before an idle session ends and lets the user stay signed in.
// Without JavaScript nothing is lost either: a form sent after the session
// ended is kept on the server and shown back after signing in again.
const WARN_BEFORE_SECONDS = 120;

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export function initSessionTimeout() {
  const body = document.body;
  const seconds = parseInt(body.dataset.sessionTimeout || "", 10);
  const url = body.dataset.keepAliveUrl;
  const banner = document.getElementById("session-warning");
  if (!seconds || !url || !banner) {
    return;
  }
  const button = banner.querySelector("button");
  const expired = banner.querySelector("[data-expired]");
  const warning = banner.querySelector("[data-warning]");
  let warnTimer;
  let endTimer;

  function schedule(remaining) {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(show, Math.max(remaining - WARN_BEFORE_SECONDS, 0) * 1000);
    endTimer = setTimeout(showExpired, remaining * 1000);
  }

  function show() {
    banner.hidden = false;
    warning.hidden = false;
    expired.hidden = true;
    button.hidden = false;
    banner.focus();
  }

  function showExpired() {
    banner.hidden = false;
    warning.hidden = true;
    expired.hidden = false;
    button.hidden = true;
    banner.focus();
  }

  button.addEventListener("click", async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    });
    if (response.ok) {
      const data = await response.json();
      banner.hidden = true;
      schedule(data.expires_in || seconds);
    } else {
      showExpired();
    }
  });

  schedule(seconds);
}
