using Microsoft.Playwright;

namespace Faas.Server.Tests.Dashboard;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by .ci/run) driven by Playwright, headless, with no browser
/// download. Each page records its console errors, failed requests and answers of 400 or more; <see cref="AssertCleanAsync"/>
/// fails the test on any the test did not say it expects.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly List<string> problems = [];
    private readonly List<int> expectedStatuses = [];
    private bool expectUnreachable;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // Leaving the Logs tab closes its event stream: the browser reports that request as aborted.
            if (!(request.Url.Contains("/stream", StringComparison.Ordinal) && request.Failure == "net::ERR_ABORTED"))
            {
                Record($"request failed: {request.Method} {request.Url}: {request.Failure}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Record($"answer {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run installs it).");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Timeout = 60_000 });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(15_000);
            return new DashboardBrowser(playwright, browser, page);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Answers with this status are part of the test (a login with a wrong key, a failed deploy), and so is the console line the browser writes for them.</summary>
    public void Expect(int status)
    {
        lock (problems)
        {
            expectedStatuses.Add(status);
        }
    }

    /// <summary>The test stops the server: refused connections (and the console line for each) are part of it.</summary>
    public void ExpectUnreachable()
    {
        lock (problems)
        {
            expectUnreachable = true;
        }
    }

    /// <summary>Runs the test's steps; on failure saves a screenshot beside the test output and names it in the failure.</summary>
    public async Task RunAsync(string name, Func<IPage, Task> steps)
    {
        try
        {
            await steps(Page);
            AssertClean();
        }
        catch (Exception e) when (e is not ScreenshotSavedException)
        {
            var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            }
            catch (PlaywrightException)
            {
                path = "(no screenshot: the page is gone)";
            }
            throw new ScreenshotSavedException($"{e.Message}\nScreenshot: {path}\nPage problems: {string.Join("; ", Problems())}", e);
        }
    }

    /// <summary>A screenshot of the page as it is, written where the caller says (docs/ for the README).</summary>
    public Task SaveScreenshotAsync(string path) => Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });

    public void AssertClean()
    {
        var unexpected = Problems();
        Assert.True(unexpected.Count == 0, $"The page had problems the test did not expect:\n{string.Join("\n", unexpected)}");
    }

    private List<string> Problems()
    {
        lock (problems)
        {
            return [.. problems.Where(p =>
                !expectedStatuses.Any(s => p.Contains($"answer {s}:", StringComparison.Ordinal) || p.Contains($"status of {s}", StringComparison.Ordinal))
                && !(expectUnreachable && p.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal)))];
        }
    }

    private void Record(string problem)
    {
        lock (problems)
        {
            problems.Add(problem);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private sealed class ScreenshotSavedException(string message, Exception inner) : Exception(message, inner);
}
