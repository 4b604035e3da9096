// Development only: reloads the page when content, views or CSS change, and shows content errors as an overlay.
// Served at /__dev/live-reload.js by `npm run dev`; production never serves or links it.
(function () {
  'use strict';
  var overlay;

  function hideOverlay() {
    if (overlay) overlay.remove();
    overlay = undefined;
  }

  // Each problem reads "content/file.md:12: message"; one file can have several, so files are counted apart.
  function headingFor(problems) {
    var files = new Set(
      problems.map(function (problem) {
        return problem.replace(/:\d+: [\s\S]*$/, '');
      }),
    );
    var errors = problems.length === 1 ? 'an error' : problems.length + ' errors';
    if (files.size === 1) return 'A content file has ' + errors;
    return problems.length + ' errors in ' + files.size + ' content files';
  }

  function showOverlay(problems) {
    hideOverlay();
    overlay = document.createElement('section');
    overlay.setAttribute('role', 'alert');
    overlay.setAttribute('aria-label', 'Content errors');
    // Styles go through the CSSOM, which the strict Content-Security-Policy allows (style attributes it does not).
    var s = overlay.style;
    s.position = 'fixed';
    s.inset = '0';
    s.zIndex = '2147483647';
    s.overflow = 'auto';
    s.background = 'rgba(20, 20, 30, 0.94)';
    s.color = '#fff';
    s.padding = '2rem';
    s.font = '16px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
    var heading = document.createElement('h2');
    heading.textContent = headingFor(problems);
    heading.style.color = '#ff8a80';
    heading.style.marginTop = '0';
    overlay.appendChild(heading);
    var note = document.createElement('p');
    note.textContent = 'The site keeps serving the last good version of each page. Fix the file and save: this message clears itself.';
    overlay.appendChild(note);
    var list = document.createElement('ul');
    problems.forEach(function (problem) {
      var item = document.createElement('li');
      item.textContent = problem;
      item.style.margin = '0.75rem 0';
      item.style.whiteSpace = 'pre-wrap';
      list.appendChild(item);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  var source = new EventSource('/__dev/events');
  var first = true;
  source.addEventListener('state', function (event) {
    var state = JSON.parse(event.data);
    // Lets tests (and the curious) see that the page is listening for changes.
    document.documentElement.setAttribute('data-live-reload', 'connected');
    if (state.errors.length > 0) {
      showOverlay(state.errors);
    } else if (first) {
      hideOverlay();
    } else {
      location.reload();
    }
    first = false;
  });
})();
