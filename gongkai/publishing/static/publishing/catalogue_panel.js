// The editor's "采用" buttons beside suggested catalogue fields: put the suggestion in
// the field, where the editor can still change it; nothing is saved until they save.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-fill-field]");
  if (!button) return;
  const field = document.getElementById(button.dataset.fillField);
  const source = document.getElementById(button.dataset.fillFrom);
  if (!field || !source) return;
  field.value = source.textContent.trim();
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
  field.focus();
});
