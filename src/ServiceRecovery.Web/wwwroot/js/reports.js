// Draws the report's charts with Chart.js from each canvas's data-chart attribute (no inline script: the
// Content-Security-Policy forbids it). The same numbers are in the table under each chart, so without
// JavaScript, or with a screen reader, nothing is lost.
(function () {
    'use strict';

    if (typeof window.Chart === 'undefined') { return; }

    var palette = ['#0b4f6c', '#d9822b', '#2f855a', '#6b46c1', '#b02a37'];
    var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

    function colour(index) { return palette[index % palette.length]; }

    function configFor(spec) {
        var valueAxis = spec.horizontal ? 'x' : 'y';
        var datasets = spec.series.map(function (series, index) {
            var line = series.type === 'line';
            var dataset = {
                type: line ? 'line' : 'bar',
                label: series.label,
                data: series.data,
                backgroundColor: colour(index),
                borderColor: colour(index),
                borderWidth: line ? 2 : 0,
                pointRadius: line ? 3 : 0,
                order: line ? 0 : 1
            };
            // Only the Pareto's cumulative line leaves the default axes, for the 0–100 axis on the right.
            if (series.onPercentAxis) { dataset.yAxisID = 'percent'; }
            return dataset;
        });

        var scales = {};
        scales[valueAxis] = { beginAtZero: true, title: { display: true, text: spec.valueTitle } };
        if (typeof spec.valueMax === 'number') { scales[valueAxis].max = spec.valueMax; }
        if (spec.percentTitle) {
            scales.percent = {
                position: 'right', min: 0, max: 100,
                grid: { drawOnChartArea: false },
                title: { display: true, text: spec.percentTitle }
            };
        }

        return {
            type: 'bar',
            data: { labels: spec.labels, datasets: datasets },
            options: {
                indexAxis: spec.horizontal ? 'y' : 'x',
                responsive: true,
                maintainAspectRatio: false,
                animation: reduceMotion ? false : undefined,
                scales: scales,
                plugins: { legend: { display: datasets.length > 1 } }
            }
        };
    }

    function draw(canvas) {
        if (canvas.hasAttribute('data-drawn')) {
            return;
        }

        canvas.setAttribute('data-drawn', '');
        var spec;
        try {
            spec = JSON.parse(canvas.getAttribute('data-chart'));
        } catch (e) {
            return;
        }

        // eslint-disable-next-line no-new
        new window.Chart(canvas, configFor(spec));
    }

    // A report has a dozen charts: each is drawn as it comes near the screen, so the first paint does not wait for
    // charts below it; printing draws the rest first.
    var canvases = Array.prototype.slice.call(document.querySelectorAll('canvas[data-chart]'));
    if (!('IntersectionObserver' in window)) {
        canvases.forEach(draw);
        return;
    }

    var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            if (entry.isIntersecting) {
                observer.unobserve(entry.target);
                draw(entry.target);
            }
        });
    }, { rootMargin: '200px 0px' });
    canvases.forEach(function (canvas) { observer.observe(canvas); });
    window.addEventListener('beforeprint', function () { canvases.forEach(draw); });
})();
