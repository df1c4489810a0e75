using static Microsoft.Playwright.Assertions;

namespace Faas.Server.Tests.Dashboard;

/// <summary>A server that went away is a message on the page, not a blank screen (its own server: the test stops it).</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardUnreachableTests(DashboardServerFixture fixture) : IClassFixture<DashboardServerFixture>
{
    [Fact]
    public async Task Refresh_ServerStopped_ShowsCannotReachTheServer()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        browser.ExpectUnreachable();
        await browser.RunAsync(nameof(Refresh_ServerStopped_ShowsCannotReachTheServer), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Apps");

            await fixture.Server.KillAsync();
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            await Expect(page.Locator("main .error-box")).ToContainTextAsync("Cannot reach the server");
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
        });
    }
}
