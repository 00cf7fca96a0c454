// The portal's only script (no inline scripts: the Content-Security-Policy forbids them).
// Buttons marked data-print print the page (receipts).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
