using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Paperwire.E2E.Accessibility;

/// <summary>One thing found wrong on a page: its rule, how bad (minor, moderate, serious, critical), what it asks, and where.</summary>
public sealed record PageProblem(string Id, string Impact, string Help, IReadOnlyList<string> Nodes)
{
    public override string ToString() => $"{Impact} {Id}: {Help}" + string.Concat(Nodes.Select(node => "\n      " + node));
}

/// <summary>
/// The checks the accessibility sweep runs on every page a browser context opens: axe-core's rules, every Content
/// Security Policy violation the page caused (a blocked inline style is a bug, not a warning), and on a phone the
/// text size of form fields and sideways scrolling. axe reaches the page from the page's own origin (a route that
/// answers <see cref="AxePath"/> in the browser, never asking the app), so it loads under the site's CSP
/// (<c>script-src 'self'</c>) with the policy left on, where an inline script tag would be blocked.
/// </summary>
public sealed class PageChecks
{
    public const string AxePath = "/__tests/axe.min.js";

    /// <summary>Every violation also as a console error of its own, with the directive and the source (besides Chromium's message).</summary>
    private const string ReportCspViolations = """
        window.addEventListener('securitypolicyviolation', e => console.error(
            `Content Security Policy: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline content'} at ${e.sourceFile || location.href}:${e.lineNumber}` +
            (e.sample ? ` (${e.sample})` : '')), true);
        """;

    private const string RunAxe = """
        async () => {
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return JSON.stringify(result.violations.map(v => ({
                id: v.id,
                impact: v.impact || 'unknown',
                help: v.help,
                nodes: v.nodes.map(n => `${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ').trim()}`),
            })));
        }
        """;

    /// <summary>Form fields with text under 16px, hidden ones included (a closed filter box opens): iOS zooms into such a field on focus.</summary>
    private const string SmallFields = """
        () => [...document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea')]
            .map(e => [e, parseFloat(getComputedStyle(e).fontSize)])
            .filter(([, size]) => size < 16)
            .map(([e, size]) => `${e.outerHTML.slice(0, 160)}: ${size}px`)
        """;

    private readonly ConcurrentQueue<string> cspReports = new();

    private PageChecks()
    {
    }

    /// <summary>Prepares <paramref name="context"/> (before its first page opens): serves axe, listens for CSP reports.</summary>
    public static async Task<PageChecks> AttachAsync(IBrowserContext context)
    {
        var axe = AxeCore.Source();
        var checks = new PageChecks();
        await context.RouteAsync("**" + AxePath, route => route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = axe }));
        await context.AddInitScriptAsync(ReportCspViolations);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                checks.cspReports.Enqueue(message.Text);
            }
        };
        return checks;
    }

    /// <summary>
    /// Checks the page as it is now: call once it has loaded, stylesheets included. The CSP reports are those since the
    /// previous call: Chromium sends a page's reports while it loads, before it answers the evaluations made here.
    /// </summary>
    public async Task<IReadOnlyList<PageProblem>> RunAsync(IPage page, bool phone)
    {
        await page.AddScriptTagAsync(new() { Url = AxePath });
        var json = await page.EvaluateAsync<string>(RunAxe);
        var problems = JsonSerializer.Deserialize<List<PageProblem>>(json, JsonSerializerOptions.Web) ?? [];

        var blocked = new List<string>();
        while (cspReports.TryDequeue(out var report))
        {
            blocked.Add(report);
        }

        if (blocked.Count > 0)
        {
            problems.Add(new("csp", "critical", "The page does nothing the Content Security Policy blocks", blocked));
        }

        if (phone)
        {
            var small = await page.EvaluateAsync<string[]>(SmallFields);
            if (small.Length > 0)
            {
                problems.Add(new("phone-field-text", "serious", "Form fields have text of at least 16px (iOS zooms into smaller ones)", small));
            }

            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (widths[0] > widths[1])
            {
                problems.Add(new("phone-sideways-scroll", "serious", "The page fits the phone's width", [$"{widths[0]}px of content on a {widths[1]}px screen"]));
            }
        }

        return problems;
    }
}
