// The graph view: draws neighbourhoods from /api/graph with Cytoscape.js and paths from /api/paths.
// Everything comes from the app's own origin; no inline script (the Content-Security-Policy forbids it).
(function () {
  'use strict';
  cytoscape.use(cytoscapeFcose);
  var palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  var centres = [];
  var detail = document.getElementById('graph-detail');
  var cy = cytoscape({
    container: document.getElementById('graph'),
    wheelSensitivity: 0.3,
    // A lone node is not blown up to fill the view.
    maxZoom: 2.5,
    style: [
      // Short labels on a light backing, hidden when zoomed out so far they would pile up; the full id is in the detail panel.
      { selector: 'node', style: {
        'label': 'data(label)', 'font-size': 9, 'text-valign': 'bottom', 'text-margin-y': 2,
        'text-wrap': 'ellipsis', 'text-max-width': '120px', 'min-zoomed-font-size': 7,
        'text-background-color': '#ffffff', 'text-background-opacity': 0.75, 'text-background-padding': '1px',
        'background-color': 'data(colour)', 'width': 'data(size)', 'height': 'data(size)' } },
      { selector: 'node[kind = "selector"]', style: { 'shape': 'round-rectangle' } },
      { selector: 'node[kind = "relay"]', style: { 'shape': 'diamond' } },
      { selector: 'node.centre', style: { 'border-width': 3, 'border-color': '#222' } },
      { selector: 'edge', style: { 'width': 1.5, 'line-color': '#b8c0cc', 'curve-style': 'bezier' } },
      { selector: 'edge[via = "relation"]', style: { 'line-style': 'dashed' } },
      { selector: 'edge[via = "relays"]', style: { 'line-style': 'dotted' } },
      { selector: 'edge.path', style: { 'line-color': '#d62728', 'width': 4 } },
      { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#d62728' } },
      { selector: ':selected', style: { 'overlay-opacity': 0.15 } }
    ]
  });
  window.lanternGraph = cy;

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function pageOf(id) {
    var colon = id.indexOf(':'), slash = id.indexOf('/');
    if (colon > 0 && (slash < 0 || colon < slash)) {
      return '/selectors/' + encodeURIComponent(id.slice(0, colon)) + '/' + encodeURIComponent(id.slice(colon + 1));
    }
    return '/handles/' + encodeURIComponent(id.slice(0, slash)) + '/' + encodeURIComponent(id.slice(slash + 1));
  }

  // "btc:bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh" → "btc:bc1qxy2kgd…0wlh": long selectors are what made labels overlap.
  function labelOf(id) {
    var colon = id.indexOf(':'), slash = id.indexOf('/');
    if (colon > 0 && (slash < 0 || colon < slash) && id.length - colon > 20) {
      return id.slice(0, colon + 13) + '…' + id.slice(-4);
    }
    return id.length > 32 ? id.slice(0, 30) + '…' : id;
  }

  function show(message) {
    detail.replaceChildren(element('p', message, { 'class': 'muted' }));
  }

  function load() {
    if (centres.length === 0) { return Promise.resolve(); }
    return fetch('/api/graph?nodes=' + encodeURIComponent(centres.join(',')), { credentials: 'same-origin' })
      .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
      .then(function (result) {
        if (!result.ok) { cy.elements().remove(); show(result.body.error || 'The graph could not be loaded.'); return; }
        if (result.body.links.length === 0) {
          cy.elements().remove();
          document.getElementById('graph').setAttribute('data-nodes', '0');
          detail.replaceChildren(element('p', 'Nothing in the case connects to ' + centres.join(', ') + '. A handle is written site/author, as on a document ' +
            '(nightmarket/GreenDragon); a selector type:value (btc:bc1q…, email:name@host) — check the spelling and the case of the name.', { 'data-testid': 'graph-empty' }));
          return;
        }
        var maxRank = Math.max.apply(null, result.body.nodes.map(function (n) { return n.page_rank; }).concat([1e-9]));
        cy.elements().remove();
        cy.add(result.body.nodes.map(function (n) {
          return { group: 'nodes', classes: centres.indexOf(n.id) >= 0 ? 'centre' : '', data: {
            id: n.id, label: labelOf(n.id), kind: n.kind, community: n.community, pagerank: n.page_rank, degree: n.degree,
            colour: palette[n.community % palette.length], size: 14 + 30 * n.page_rank / maxRank } };
        }));
        cy.add(result.body.links.map(function (l, index) {
          return { group: 'edges', data: { id: 'l' + index, source: l.source, target: l.target, via: l.via, docs: l.docs } };
        }));
        cy.layout({ name: 'fcose', animate: false, randomize: true, nodeDimensionsIncludeLabels: true,
          nodeRepulsion: 12000, idealEdgeLength: 110, nodeSeparation: 90 }).run();
        document.getElementById('graph').setAttribute('data-nodes', String(cy.nodes().length));
        show(cy.nodes().length + ' nodes, ' + cy.edges().length + ' links. Double-click a node to expand it.');
      });
  }

  function open(node) {
    node = node.trim();
    if (!node) { return; }
    centres = [node];
    load();
  }

  cy.on('dbltap', 'node', function (event) {
    var id = event.target.id();
    if (centres.indexOf(id) < 0) { centres.push(id); load(); }
  });

  cy.on('tap', 'node', function (event) {
    var data = event.target.data();
    var list = element('dl');
    [['kind', data.kind], ['degree', String(data.degree)], ['PageRank', data.pagerank.toFixed(4)], ['community', String(data.community)]]
      .forEach(function (pair) { list.append(element('dt', pair[0]), element('dd', pair[1])); });
    var link = element('a', 'Open ' + data.id, { href: pageOf(data.id), 'data-testid': 'node-link' });
    detail.replaceChildren(element('h3', data.id), list, link);
  });

  cy.on('tap', 'edge', function (event) {
    var data = event.target.data();
    var items = element('ul');
    (data.docs || []).forEach(function (doc) {
      var item = element('li');
      item.append(/:\d+$/.test(doc) ? element('code', doc) : element('a', doc, { href: '/documents/' + encodeURIComponent(doc) }));
      items.append(item);
    });
    detail.replaceChildren(element('h3', data.source + ' — ' + data.target), element('p', 'via ' + data.via + '; evidence:'), items);
  });

  document.getElementById('graph-open').addEventListener('submit', function (event) {
    event.preventDefault();
    open(document.getElementById('graph-node').value);
  });

  document.getElementById('graph-path').addEventListener('submit', function (event) {
    event.preventDefault();
    var from = document.getElementById('path-from').value.trim();
    var to = document.getElementById('path-to').value.trim();
    fetch('/api/paths?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to), { credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (path) {
        if (!path.found) { show('No path between ' + from + ' and ' + to + ' (hub selectors are left out).'); return; }
        var nodes = [from];
        path.hops.forEach(function (hop) { if (hop.via !== 'mentions' && hop.via !== 'relation' && hop.via !== 'relays') { nodes.push(hop.via); } nodes.push(hop.to); });
        centres = nodes.filter(function (value, index) { return nodes.indexOf(value) === index; });
        var steps = element('ol', null, { 'data-testid': 'path' });
        path.hops.forEach(function (hop) {
          var step = element('li');
          step.append(element('strong', hop.from + ' → ' + hop.to), document.createTextNode(' via ' + hop.via + ' '));
          hop.docs.slice(0, 5).forEach(function (doc) {
            step.append(/:\d+$/.test(doc) ? element('code', doc + ' ') : element('a', doc + ' ', { href: '/documents/' + encodeURIComponent(doc) }));
          });
          steps.append(step);
        });
        load().then(function () {
          cy.elements().removeClass('path');
          for (var i = 0; i + 1 < centres.length; i++) {
            cy.getElementById(centres[i]).addClass('path');
            cy.edges().filter(function (edge) {
              var s = edge.data('source'), t = edge.data('target');
              return (s === centres[i] && t === centres[i + 1]) || (t === centres[i] && s === centres[i + 1]);
            }).addClass('path');
          }
          cy.getElementById(centres[centres.length - 1]).addClass('path');
          detail.replaceChildren(element('h3', 'Path: ' + path.hops.length + ' hops'), steps);
        });
      });
  });

  var initial = document.getElementById('graph-node').value;
  if (initial) { open(initial); }
}());
