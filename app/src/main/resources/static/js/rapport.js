// Rapport's few behaviours that htmx does not cover: selecting rows, removing a filter row, picking a lookup result.
document.addEventListener('click', function (e) {
  var t = e.target;
  if (t.classList.contains('remove-condition')) {
    t.closest('.filter-row').remove();
  }
  var pick = t.closest('.lookup-pick');
  if (pick) {
    e.preventDefault();
    var box = pick.closest('.lookup');
    box.querySelector('input[type=hidden]').value = pick.dataset.value;
    var text = box.querySelector('input.lookup-text');
    text.value = pick.dataset.label;
    box.querySelector('.lookup-results').innerHTML = '';
    text.focus();
  }
});
document.addEventListener('change', function (e) {
  var t = e.target;
  if (t.classList.contains('select-all')) {
    t.closest('table').querySelectorAll('.row-select').forEach(function (c) { c.checked = t.checked; });
  }
});
document.addEventListener('input', function (e) {
  var t = e.target;
  if (t.classList.contains('lookup-text')) {
    // typing replaces the chosen record until a new one is picked
    t.closest('.lookup').querySelector('input[type=hidden]').value = '';
  }
});
