using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Faas.Server.Tests.EndToEnd;
using Faas.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Faas.Server.Tests.Dashboard;

/// <summary>The dashboard in a real Chromium against the real server and real Node.js and Python workers.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardServerFixture fixture) : IClassFixture<DashboardServerFixture>
{
    private const float DeployTimeout = 120_000;

    private static readonly byte[] GreeterV1 = TestZip.NodeApp("""
        function sum(a, b) { return a + b; }
        function shout(text) { console.log('shout:', text); return String(text).toUpperCase(); }
        module.exports = { sum, shout };
        """);

    private static readonly byte[] GreeterV2 = TestZip.NodeApp("""
        function sum(a, b) { return a + b + 100; }
        function shout(text) { console.log('shout:', text); return String(text).toUpperCase() + '!'; }
        module.exports = { sum, shout };
        """);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_UploadInvokeLogRedeployRollbackDelete_Works()
    {
        const string app = "greeter";
        // A second app, so the list (and its screenshot) shows more than one language.
        using (var typed = await fixture.Http.PutAppAsync("typed-py", Samples.Zip("python-typed")).WaitAsync(TimeSpan.FromSeconds(120), Ct))
        {
            Assert.True(typed.IsSuccessStatusCode, $"{(int)typed.StatusCode} {await typed.Content.ReadAsStringAsync(Ct)}");
        }
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(Dashboard_UploadInvokeLogRedeployRollbackDelete_Works), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Apps");
            await Expect(page.Locator("#logout")).ToBeHiddenAsync();

            await page.Locator("#deploy-file").SetInputFilesAsync(new FilePayload { Name = $"{app}.zip", MimeType = "application/zip", Buffer = GreeterV1 });
            await Expect(page.Locator("#deploy-name")).ToHaveValueAsync(app);
            await page.Locator("#deploy").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync(app, new() { Timeout = DeployTimeout });

            await page.Locator("#functions button[data-func=sum]").ClickAsync();
            await Expect(page.Locator("#invoke-args")).ToHaveValueAsync("[null,null]");
            await page.Locator("#invoke-args").FillAsync("[2, 3]");
            await page.Locator("#invoke").ClickAsync();
            await Expect(page.Locator("#invoke-status")).ToHaveTextAsync(new Regex("^200"), new() { Timeout = 60_000 });
            await Expect(page.Locator("#invoke-body")).ToHaveTextAsync("5");
            await Expect(page.Locator("#snippet")).ToContainTextAsync($"/{ServerProcess.Prefix}/{app}/latest/call/sum");
            await Expect(page.Locator("#snippet")).ToContainTextAsync("-d '[2,3]'");
            await DismissNoticesAsync(page);
            await browser.SaveScreenshotAsync(ScreenshotPath("dashboard-app.png"));

            await page.Locator("#tab-logs").ClickAsync();
            await Expect(page.Locator("#log-status")).ToHaveTextAsync("live");
            var marker = $"marker-{Guid.NewGuid():N}";
            Assert.Equal($"\"{marker.ToUpperInvariant()}\"", await CallAsync(app, "shout", $"[\"{marker}\"]"));
            await Expect(page.Locator("#log")).ToContainTextAsync($"shout: {marker}", new() { Timeout = 30_000 });

            await page.Locator("#tab-versions").ClickAsync();
            await page.Locator("#version-file").SetInputFilesAsync(new FilePayload { Name = $"{app}-2.zip", MimeType = "application/zip", Buffer = GreeterV2 });
            await page.Locator("#deploy-version").ClickAsync();
            await Expect(page.Locator("#versions tr[data-version=v2]")).ToContainTextAsync("active", new() { Timeout = DeployTimeout });
            Assert.Equal("105", await CallAsync(app, "sum", "[2, 3]"));

            await page.Locator("#versions tr[data-version=v1] button").ClickAsync();
            await Expect(page.Locator("#confirm")).ToBeVisibleAsync();
            await page.Locator("#confirm-ok").ClickAsync();
            await Expect(page.Locator("#versions tr[data-version=v1]")).ToContainTextAsync("active");
            Assert.Equal("5", await CallAsync(app, "sum", "[2, 3]"));

            await page.Locator("a.brand").ClickAsync();
            var row = page.Locator($"#apps tr[data-app={app}]");
            await Expect(row).ToContainTextAsync("ready");
            await Expect(row).ToContainTextAsync("v1");
            await Expect(page.Locator("#apps tr[data-app=typed-py]")).ToContainTextAsync("py");
            await page.Locator("#search").FillAsync("no-such-app");
            await Expect(page.Locator("#apps tbody")).ToContainTextAsync("No app matches");
            await page.Locator("#search").FillAsync("");
            await Expect(row).ToBeVisibleAsync();
            await page.Locator("#search").BlurAsync();
            await DismissNoticesAsync(page);
            await browser.SaveScreenshotAsync(ScreenshotPath("dashboard.png"));

            await row.Locator("a").ClickAsync();
            await page.Locator("#tab-settings").ClickAsync();
            await page.Locator("#delete-app").ClickAsync();
            await page.Locator("#confirm-ok").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Apps");
            await Expect(row).ToHaveCountAsync(0);
            Assert.DoesNotContain(app, (await fixture.Http.InspectAsync()).EnumerateArray().Select(d => d.GetProperty("suffix").GetString()));
        });
    }

    [Fact]
    public async Task Deploy_ScriptThrowsAtLoad_ShowsTheDeployError()
    {
        var broken = TestZip.NodeApp("throw new Error('broken at load time');");
        await using var browser = await DashboardBrowser.LaunchAsync();
        browser.Expect(422);
        await browser.RunAsync(nameof(Deploy_ScriptThrowsAtLoad_ShowsTheDeployError), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            await page.Locator("#deploy-file").SetInputFilesAsync(new FilePayload { Name = "broken.zip", MimeType = "application/zip", Buffer = broken });
            await page.Locator("#deploy").ClickAsync();
            var error = page.Locator("#deploy-form .error-box");
            await Expect(error).ToContainTextAsync("The deploy failed (422)", new() { Timeout = DeployTimeout });
            await Expect(error).ToContainTextAsync("broken at load time");
        });
    }

    [Fact]
    public async Task Deploy_GitRepository_OpensTheAppAndDeletesItFromTheList()
    {
        using var repository = await LocalGitRepository.CreateAsync("acme", "hello");
        repository.Write("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}""");
        repository.Write("index.js", "module.exports = { hello: (name) => `hello ${name}` };");
        await repository.CommitAllAsync("hello");
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(Deploy_GitRepository_OpensTheAppAndDeletesItFromTheList), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            await page.Locator("#git-url").FillAsync(repository.Path);
            await page.Locator("#git-branch").FillAsync("main");
            await page.Locator("#git-deploy").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("acme-hello", new() { Timeout = DeployTimeout });
            await Expect(page.Locator("#functions")).ToContainTextAsync("hello(name: any)");

            await page.Locator("a.brand").ClickAsync();
            await page.Locator("#apps tr[data-app=acme-hello] button").ClickAsync();
            await page.Locator("#confirm-ok").ClickAsync();
            await Expect(page.Locator("#apps tr[data-app=acme-hello]")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task AppPage_UnknownApp_SaysSoWithALinkBack()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(AppPage_UnknownApp_SaysSoWithALinkBack), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/#/apps/nothing-here");
            await Expect(page.Locator("main h2")).ToHaveTextAsync("No app named “nothing-here”");
            await page.Locator("main a[href='#/']").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Apps");
        });
    }

    /// <summary>Closes the success notes (deployed, rolled back) with their × buttons, so the screenshots show the page itself.</summary>
    private static async Task DismissNoticesAsync(IPage page)
    {
        var close = page.Locator("#notices .notice button");
        while (await close.CountAsync() > 0)
        {
            await close.First.ClickAsync();
        }
    }

    /// <summary>
    /// docs/&lt;name&gt; (the README's pictures) when FAAS_UPDATE_SCREENSHOTS=1, otherwise the test's output folder,
    /// so a plain test run leaves the checkout unchanged.
    /// </summary>
    private static string ScreenshotPath(string name) =>
        Environment.GetEnvironmentVariable("FAAS_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(Path.GetDirectoryName(Samples.Root)!, "docs", name)
            : Path.Combine(AppContext.BaseDirectory, "screenshots", name);

    private async Task<string> CallAsync(string app, string function, string json)
    {
        using var response = await fixture.Http.PostAsync($"/{ServerProcess.Prefix}/{app}/latest/call/{function}",
            new StringContent(json, Encoding.UTF8, "application/json"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{function}: {(int)response.StatusCode} {body}\n{fixture.Server.Output}");
        return body;
    }
}
