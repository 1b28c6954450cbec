// Draws the vendor and market pages' charts with Apache ECharts from the page's JSON data block
// (the records of `lantern vendor --json` / `lantern market --json`). Under the strict CSP: the
// canvas renderer, tooltips drawn on the canvas (richText) rather than as HTML with style attributes,
// and no inline script or style — ECharts sizes its elements through the CSSOM, which CSP allows.
(function () {
    'use strict';
    var block = document.getElementById('trade-data');
    if (!block || !window.echarts) {
        return;
    }
    var data = JSON.parse(block.textContent);
    var view = block.dataset.view;
    var charts = [];

    function draw(id, option, empty) {
        var element = document.getElementById(id);
        if (!element) {
            return;
        }
        var existing = window.echarts.getInstanceByDom(element);
        if (existing) {
            existing.dispose();
        }
        element.textContent = '';
        if (empty) {
            var note = document.createElement('p');
            note.className = 'empty';
            note.textContent = empty;
            element.appendChild(note);
            element.dataset.rendered = 'empty';
            return;
        }
        var chart = window.echarts.init(element, null, { renderer: 'canvas' });
        option.animation = false;
        option.tooltip = Object.assign({ renderMode: 'richText', confine: true }, option.tooltip || {});
        chart.on('finished', function () { element.dataset.rendered = 'true'; });
        chart.setOption(option);
        charts.push(chart);
    }

    function side(code, prefix) {
        return prefix + ' ' + (code || '?');
    }

    // A Sankey cannot hold a cycle, so origins and destinations are distinct nodes ("from NL", "to NL").
    function routeSankey(routes) {
        var nodes = {};
        var links = {};
        routes.forEach(function (route) {
            var source = side(route.from, 'from');
            var target = side(route.to, 'to');
            nodes[source] = true;
            nodes[target] = true;
            links[source + '\u0000' + target] = (links[source + '\u0000' + target] || 0) + route.listings;
        });
        return {
            tooltip: { trigger: 'item' },
            series: [{
                type: 'sankey', left: 20, right: 60, top: 10, bottom: 10, nodeGap: 10, emphasis: { focus: 'adjacency' },
                data: Object.keys(nodes).map(function (name) { return { name: name }; }),
                links: Object.keys(links).map(function (key) {
                    var ends = key.split('\u0000');
                    return { source: ends[0], target: ends[1], value: links[key] };
                }),
                lineStyle: { color: 'gradient', opacity: 0.45 },
            }],
        };
    }

    function box(price) {
        return [price.min, price.p25, price.median, price.p75, price.max];
    }

    function vendor() {
        draw('chart-drugs', {
            grid: { left: 110, right: 20, top: 10, bottom: 30 },
            xAxis: { type: 'value', name: 'listings', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: data.drugs.map(function (drug) { return drug.drug; }) },
            series: [{ type: 'bar', data: data.drugs.map(function (drug) { return drug.listings; }) }],
        }, data.drugs.length ? null : 'No drug named in this vendor\'s documents.');

        draw('chart-routes', routeSankey(data.routes), data.routes.length ? null : 'No route named in this vendor\'s listings.');

        draw('chart-prices', {
            grid: { left: 60, right: 20, top: 30, bottom: 80 },
            xAxis: { type: 'category', data: data.prices.map(function (price) { return price.drug + '\n' + price.per + ' ' + price.currency; }), axisLabel: { interval: 0, rotate: 30 } },
            yAxis: { type: 'value', scale: true, name: 'unit price' },
            series: [{ type: 'boxplot', data: data.prices.map(box) }],
        }, data.prices.length ? null : 'No unit price in this vendor\'s listings.');

        var months = {};
        data.documents.forEach(function (document) {
            var month = (document.posted_at || document.collected_at).slice(0, 7);
            months[month] = (months[month] || 0) + 1;
        });
        var axis = Object.keys(months).sort();
        draw('chart-timeline', {
            grid: { left: 50, right: 20, top: 20, bottom: 30 },
            xAxis: { type: 'category', data: axis },
            yAxis: { type: 'value', name: 'documents', minInterval: 1 },
            series: [{ type: 'bar', data: axis.map(function (month) { return months[month]; }) }],
        }, axis.length ? null : 'No document.');
    }

    function market() {
        var select = document.getElementById('chart-drug');
        var unit = document.getElementById('chart-unit');
        // Most listed first: the drugs the market is about lead the list and the charts.
        var drugs = [];
        var weight = {};
        data.routes.concat(data.prices).forEach(function (row) {
            if (drugs.indexOf(row.drug) < 0) {
                drugs.push(row.drug);
                weight[row.drug] = 0;
            }
            weight[row.drug] += row.listings || row.n || 0;
        });
        drugs.sort(function (a, b) { return weight[b] - weight[a] || (a < b ? -1 : a > b ? 1 : 0); });
        var all = document.createElement('option');
        all.value = '';
        all.textContent = 'all drugs (routes); prices of the first';
        select.appendChild(all);
        drugs.forEach(function (drug) {
            var option = document.createElement('option');
            option.value = drug;
            option.textContent = drug;
            select.appendChild(option);
        });
        if (drugs.length === 1) {
            select.value = drugs[0];
        }

        function render() {
            var drug = select.value;
            var routes = data.routes.filter(function (route) { return !drug || route.drug === drug; });
            draw('chart-routes', routeSankey(routes), routes.length ? null : 'No route named in these listings.');

            // One chart per unit and currency (the choice with most months first): prices in different
            // currencies or units are never put on one scale as if comparable. One boxplot series per origin.
            var shown = drug || drugs.filter(function (name) { return data.prices.some(function (price) { return price.drug === name; }); })[0];
            var ofDrug = data.prices.filter(function (price) { return price.drug === shown; });
            var scales = {};
            ofDrug.forEach(function (price) {
                var scale = 'per ' + price.per + ' · ' + price.currency;
                scales[scale] = (scales[scale] || 0) + 1;
            });
            var scaleNames = Object.keys(scales).sort(function (a, b) { return scales[b] - scales[a] || (a < b ? -1 : 1); });
            var previous = unit.value;
            unit.textContent = '';
            scaleNames.forEach(function (name) {
                var option = document.createElement('option');
                option.value = name;
                option.textContent = name + ' (' + scales[name] + ')';
                unit.appendChild(option);
            });
            unit.value = scaleNames.indexOf(previous) >= 0 ? previous : (scaleNames[0] || '');
            var prices = ofDrug.filter(function (price) { return 'per ' + price.per + ' · ' + price.currency === unit.value; });
            var months = prices.map(function (price) { return price.month; }).filter(function (month, index, list) { return list.indexOf(month) === index; }).sort();
            var groups = {};
            prices.forEach(function (price) {
                var name = 'from ' + (price.from || '?');
                (groups[name] = groups[name] || []).push(price);
            });
            draw('chart-prices', {
                title: { text: (shown || '') + ' ' + unit.value, left: 'center', textStyle: { fontSize: 13 } },
                legend: { type: 'scroll', bottom: 0 },
                grid: { left: 60, right: 20, top: 40, bottom: 60 },
                xAxis: { type: 'category', data: months },
                yAxis: { type: 'value', scale: true, name: unit.value },
                series: Object.keys(groups).sort().map(function (name) {
                    return {
                        name: name,
                        type: 'boxplot',
                        data: months.map(function (month) {
                            var price = groups[name].filter(function (candidate) { return candidate.month === month; })[0];
                            return price ? box(price) : '-';
                        }),
                    };
                }),
            }, prices.length ? null : 'No unit price for this drug in these listings.');
            document.getElementById('chart-routes').dataset.drug = drug;
        }

        select.addEventListener('change', render);
        unit.addEventListener('change', render);
        render();
    }

    if (view === 'vendor') {
        vendor();
    } else {
        market();
    }
    window.addEventListener('resize', function () { charts.forEach(function (chart) { chart.resize(); }); });
    window.lanternCharts = charts;
}());
