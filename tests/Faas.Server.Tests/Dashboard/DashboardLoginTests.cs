using static Microsoft.Playwright.Assertions;

namespace Faas.Server.Tests.Dashboard;

/// <summary>With keys on, the dashboard asks for the admin key and keeps the session in the HttpOnly cookie.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardLoginTests(KeysOnDashboardServerFixture fixture) : IClassFixture<KeysOnDashboardServerFixture>
{
    [Fact]
    public async Task Dashboard_KeysOn_ShowsLoginThenAppsAndSignsOut()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        // The first /api/inspect (no session yet) and the wrong key answer 401: that is what opens the login page.
        browser.Expect(401);
        await browser.RunAsync(nameof(Dashboard_KeysOn_ShowsLoginThenAppsAndSignsOut), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            await Expect(page.Locator("#login-form")).ToBeVisibleAsync();

            await page.Locator("#login-key").FillAsync("faas_wrong");
            await page.Locator("#login").ClickAsync();
            await Expect(page.Locator("#login-form .error-box")).ToContainTextAsync("not valid");

            await page.Locator("#login-key").FillAsync(KeysOnDashboardServerFixture.AdminKey);
            await page.Locator("#login").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Apps");
            var cookies = await page.Context.CookiesAsync();
            Assert.Contains(cookies, c => c.Name == "faas_session" && c.HttpOnly);

            await page.ReloadAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Apps");

            await page.Locator("#logout").ClickAsync();
            await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        });
    }
}
