// Rapport's few behaviours that htmx does not cover: selecting rows (and every record of a view), removing a filter
// row or group, picking a lookup result.
function rapportSelectAllBanner(show) {
  var banner = document.getElementById('select-all-banner');
  if (!banner) {
    return;
  }
  if (banner.dataset.original === undefined) {
    banner.dataset.original = banner.innerHTML;
  } else if (!show || banner.querySelector('input[name=all]')) {
    // back to "select every record", without the all=1 the form would otherwise send
    banner.innerHTML = banner.dataset.original;
    if (window.htmx) {
      htmx.process(banner);
    }
  }
  banner.hidden = !show;
}
// Removes a row or group of the filter editor; the focus goes to the enclosing group's own "add" button, not to the page.
function rapportRemoveFrom(part, button) {
  var group = part.parentElement.closest('.filter-group');
  part.remove();
  var next = group && group.querySelector(':scope > .filter-actions ' + button);
  if (next) {
    next.focus();
  }
}
document.addEventListener('click', function (e) {
  var t = e.target;
  if (t.classList.contains('clear-selection')) {
    var form = t.closest('form');
    form.querySelectorAll('.row-select, .select-all').forEach(function (c) { c.checked = false; });
    rapportSelectAllBanner(false);
  }
  if (t.classList.contains('remove-condition')) {
    rapportRemoveFrom(t.closest('.filter-row'), '.add-condition');
  }
  if (t.classList.contains('remove-group')) {
    rapportRemoveFrom(t.closest('.filter-group'), '.add-group');
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
    rapportSelectAllBanner(t.checked);
  }
  if (t.classList.contains('row-select') && !t.checked) {
    var all = t.closest('table').querySelector('.select-all');
    if (all) {
      all.checked = false;
    }
    rapportSelectAllBanner(false);
  }
});
document.addEventListener('input', function (e) {
  var t = e.target;
  if (t.classList.contains('lookup-text')) {
    // typing replaces the chosen record until a new one is picked
    t.closest('.lookup').querySelector('input[type=hidden]').value = '';
  }
});
// Form tabs (WAI-ARIA tabs): a click or Enter opens a tab without a round trip (its link works without script too);
// the arrow keys, Home and End move between tabs; the open tab is remembered for the page shown after a save.
function openTab(tab, focus) {
  tab.closest('[role=tablist]').querySelectorAll('[role=tab]').forEach(function (t) {
    var on = t === tab;
    t.classList.toggle('active', on);
    t.setAttribute('aria-selected', on ? 'true' : 'false');
    t.tabIndex = on ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
  });
  var keep = document.getElementById('open-tab');
  if (keep) {
    keep.value = tab.dataset.tab;
  }
  if (focus) {
    tab.focus();
  }
}
document.addEventListener('click', function (e) {
  var tab = e.target.closest('[role=tab]');
  if (tab && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
    e.preventDefault();
    openTab(tab, false);
  }
});
document.addEventListener('keydown', function (e) {
  var tab = e.target.closest && e.target.closest('[role=tab]');
  if (!tab) {
    return;
  }
  var tabs = Array.prototype.slice.call(tab.closest('[role=tablist]').querySelectorAll('[role=tab]'));
  var i = tabs.indexOf(tab);
  var next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length]
    : e.key === 'Home' ? tabs[0] : e.key === 'End' ? tabs[tabs.length - 1] : null;
  if (next) {
    e.preventDefault();
    openTab(next, true);
  } else if (e.key === ' ') {
    e.preventDefault();
    openTab(tab, false);
  }
});
