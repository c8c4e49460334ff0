// The GOV.UK "add another" pattern for the new rows of a step page.
// Without JavaScript, "Add another row" saves the page and it comes back
// with a fresh empty row. With it, the button copies the formset's empty
// row in place (Django's __prefix__ convention) and moves focus into it.
export function initAddAnother() {
  for (const list of document.querySelectorAll('[data-module="stage1-add-another"]')) {
    const button = list.querySelector("[data-add-another]");
    const template = list.querySelector("template[data-empty-row]");
    const rows = list.querySelector("[data-rows]");
    const total = list.querySelector('input[name$="-TOTAL_FORMS"]');
    const max = Number(list.dataset.max);
    if (!button || !template || !rows || !total) continue;
    button.addEventListener("click", (event) => {
      const index = Number(total.value);
      // At the cap, let the button submit: the server says what the limit is.
      if (!(index < max)) return;
      event.preventDefault();
      const html = template.innerHTML.replaceAll("__prefix__", String(index)).replaceAll("__number__", String(index + 1));
      const holder = document.createElement("div");
      holder.innerHTML = html;
      const row = holder.firstElementChild;
      rows.append(...holder.childNodes);
      total.value = String(index + 1);
      const first = row && row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  }
}
