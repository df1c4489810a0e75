using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Faas.Server.Tests.EndToEnd;
using Faas.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Faas.Server.Tests.Dashboard;

/// <summary>The dashboard's Executions, Charts and Settings tabs and the apps list's call counts, in a real Chromium against real Lua and Node.js workers.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardInsightsTests(DashboardServerFixture fixture) : IClassFixture<DashboardServerFixture>
{
    private const string LuaReader = """
        function read(name, key)
          log.info('reading ' .. name .. ' and ' .. key)
          return { env = env.get(name), kv = kv.get(key) }
        end

        function boom()
          error('boom here')
        end
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Executions_InvokeThenFilterAndOpen_ShowsTheDetailWithLogLinesAndSourceContext()
    {
        const string app = "exec-lua";
        const string thrower = "exec-node";
        await CreateLuaAppAsync(app);
        using (var deployed = await fixture.Http.PutAppAsync(thrower, TestZip.NodeApp("""
            function fail(item) {
              throw new Error(`out of stock: ${item}`);
            }
            function stock() {
              return { socks: 3, api_key: 'stock-secret' };
            }
            module.exports = { fail, stock };
            """)).WaitAsync(TimeSpan.FromSeconds(120), Ct))
        {
            Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync(Ct));
        }
        await CallAsync(app, "boom", "[]", HttpStatusCode.InternalServerError);
        await CallAsync(thrower, "fail", "[\"socks\"]", HttpStatusCode.InternalServerError);
        await CallAsync(thrower, "stock", "[]", HttpStatusCode.OK);
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(Executions_InvokeThenFilterAndOpen_ShowsTheDetailWithLogLinesAndSourceContext), async page =>
        {
            await page.GotoAsync($"{fixture.Server.Url}/#/apps/{app}");
            await page.Locator("#functions button[data-func=read]").ClickAsync();
            await page.Locator("#invoke-args").FillAsync("[\"HOME_TOWN\", \"visits\"]");
            await page.Locator("#invoke").ClickAsync();
            await Expect(page.Locator("#invoke-status")).ToHaveTextAsync(new Regex("^200"), new() { Timeout = 60_000 });

            await page.Locator("#tab-executions").ClickAsync();
            var rows = page.Locator("#executions tbody tr[data-id]");
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.First).ToContainTextAsync("read");
            await Expect(rows.First).ToContainTextAsync("success");
            await rows.First.Locator("button").ClickAsync();
            await Expect(page.Locator("#execution-detail h2")).ToContainTextAsync("Execution ex_");
            await Expect(page.Locator("#execution-logs")).ToContainTextAsync("reading HOME_TOWN and visits");
            await Expect(page.Locator("pre#execution-result")).ToBeVisibleAsync();

            await page.Locator("#exec-status").SelectOptionAsync("error");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToHaveAttributeAsync("data-status", "error");
            await Expect(rows.First).ToContainTextAsync("boom");
            await rows.First.Locator("button").ClickAsync();
            await Expect(page.Locator("#execution-error")).ToContainTextAsync("boom here");

            await page.Locator("#exec-status").SelectOptionAsync("success");
            await page.Locator("#exec-function").SelectOptionAsync("boom");
            await Expect(page.Locator("#executions tbody")).ToContainTextAsync("No execution matches");

            // A Node.js error keeps the failing line of the app's file, marked.
            await page.GotoAsync($"{fixture.Server.Url}/#/apps/{thrower}/executions");
            await page.Locator("#executions tbody tr[data-status=error] button").ClickAsync();
            await Expect(page.Locator("#execution-error")).ToContainTextAsync("out of stock: socks");
            await Expect(page.Locator("#execution-error mark")).ToContainTextAsync("throw new Error(`out of stock: ${item}`);");

            // A success keeps the value returned, pretty-printed, secrets masked.
            await page.Locator("#executions tbody tr[data-status=success] button").ClickAsync();
            await Expect(page.Locator("#execution-result")).ToContainTextAsync("\"socks\": 3");
            await Expect(page.Locator("#execution-result")).ToContainTextAsync("\"api_key\": \"[REDACTED]\"");
        });
    }

    [Fact]
    public async Task Settings_SetEnvAndKv_AFunctionReadsThem()
    {
        const string app = "settings-lua";
        await CreateLuaAppAsync(app);
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(Settings_SetEnvAndKv_AFunctionReadsThem), async page =>
        {
            await page.GotoAsync($"{fixture.Server.Url}/#/apps/{app}/settings");
            await Expect(page.Locator("#pool-settings")).ToContainTextAsync("Call timeout");
            await Expect(page.Locator("#env tbody")).ToContainTextAsync("No variables.");

            await page.Locator("#env-name").FillAsync("GREETING");
            await page.Locator("#env-value").FillAsync("hola");
            await page.Locator("#env-add").ClickAsync();
            var variable = page.Locator("#env tr[data-name=GREETING]");
            await Expect(variable).ToContainTextAsync("••••••••");
            await Expect(variable).Not.ToContainTextAsync("hola");
            await variable.GetByRole(AriaRole.Button, new() { Name = "Show GREETING" }).ClickAsync();
            await Expect(variable).ToContainTextAsync("hola");
            await variable.GetByRole(AriaRole.Button, new() { Name = "Edit GREETING" }).ClickAsync();
            await variable.Locator("input").FillAsync("hello from env");
            await variable.Locator("input").PressAsync("Enter");
            await Expect(variable).ToContainTextAsync("••••••••");
            Assert.Equal("hello from env", (await GetJsonAsync($"/api/apps/{app}/env")).GetProperty("GREETING").GetString());

            await page.Locator("#kv-key").FillAsync("visits/home");
            await page.Locator("#kv-value").FillAsync("42 from kv");
            await page.Locator("#kv-save").ClickAsync();
            var entry = page.Locator("#kv tr[data-key='visits/home']");
            await Expect(entry).ToBeVisibleAsync();
            await page.Locator("#kv-prefix").FillAsync("other");
            await Expect(page.Locator("#kv tbody")).ToContainTextAsync("No key starts with “other”.");
            await page.Locator("#kv-prefix").FillAsync("visits/");
            await Expect(entry).ToBeVisibleAsync();
            await page.Locator("#kv-new").ClickAsync();
            await entry.GetByRole(AriaRole.Button, new() { Name = "View visits/home" }).ClickAsync();
            await Expect(page.Locator("#kv-value")).ToHaveValueAsync("42 from kv");

            var read = await ReadAsync(page, app, "[\"GREETING\", \"visits/home\"]");
            Assert.Equal("hello from env", read.GetProperty("env").GetString());
            Assert.Equal("42 from kv", read.GetProperty("kv").GetString());

            await page.Locator("#tab-settings").ClickAsync();
            await page.Locator("#kv tr[data-key='visits/home']").GetByRole(AriaRole.Button, new() { Name = "Delete visits/home" }).ClickAsync();
            await page.Locator("#confirm-ok").ClickAsync();
            await Expect(page.Locator("#kv tbody")).ToContainTextAsync("The store is empty.");
            await page.Locator("#env tr[data-name=GREETING]").GetByRole(AriaRole.Button, new() { Name = "Remove GREETING" }).ClickAsync();
            await page.Locator("#confirm-ok").ClickAsync();
            await Expect(page.Locator("#env tbody")).ToContainTextAsync("No variables.");

            Assert.Empty((await ReadAsync(page, app, "[\"GREETING\", \"visits/home\"]")).EnumerateObject());
        });
    }

    [Fact]
    public async Task ChartsAndList_AfterCalls_ShowTheCallsErrorsAndLatency()
    {
        const string app = "charts-lua";
        await CreateLuaAppAsync(app);
        for (var i = 0; i < 5; i++)
        {
            await CallAsync(app, "read", $"[\"N{i}\", \"k{i}\"]", HttpStatusCode.OK);
        }
        await CallAsync(app, "boom", "[]", HttpStatusCode.InternalServerError);
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(ChartsAndList_AfterCalls_ShowTheCallsErrorsAndLatency), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            var row = page.Locator($"#apps tr[data-app={app}]");
            await Expect(row.Locator("td.calls")).ToHaveTextAsync("6");
            await Expect(row.Locator("td.errors")).ToHaveTextAsync("1");

            await row.Locator("a").ClickAsync();
            await page.Locator("#tab-charts").ClickAsync();
            await Expect(page.Locator("#total-calls")).ToContainTextAsync("6");
            await Expect(page.Locator("#total-errors")).ToContainTextAsync("1");
            await Expect(page.Locator("#total-rate")).ToContainTextAsync("16.7 %");
            await Expect(page.Locator("#chart-calls rect.bar").First).ToBeVisibleAsync();
            var bars = await page.Locator("#chart-calls rect.bar").EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.dataset.value))");
            Assert.Equal(6, bars.Sum());
            await Expect(page.Locator("#chart-errors rect.bar").First).ToBeVisibleAsync();
            await Expect(page.Locator("#chart-latency .s-p50 circle.dot").First).ToBeVisibleAsync();
            await Expect(page.Locator("#chart-latency .s-p99 circle.dot").First).ToBeVisibleAsync();

            await page.Locator("button[data-window='24h']").ClickAsync();
            await Expect(page.Locator("#total-calls")).ToContainTextAsync("Calls (24h)");
            await Expect(page.Locator("#total-calls")).ToContainTextAsync("6");
        });
    }

    /// <summary>Calls <c>read</c> from the Functions tab's invoke form and answers the body it shows.</summary>
    private static async Task<JsonElement> ReadAsync(IPage page, string app, string args)
    {
        await page.Locator("#tab-functions").ClickAsync();
        await page.Locator("#functions button[data-func=read]").ClickAsync();
        await page.Locator("#invoke-args").FillAsync(args);
        await page.Locator("#invoke").ClickAsync();
        await Expect(page.Locator("#invoke-status")).ToHaveTextAsync(new Regex("^200"), new() { Timeout = 60_000 });
        var text = await page.Locator("#invoke-body").TextContentAsync();
        return JsonDocument.Parse(text!).RootElement.Clone();
    }

    private async Task CreateLuaAppAsync(string app)
    {
        var body = JsonSerializer.Serialize(new { name = app, language = "lua", code = LuaReader });
        using var response = await fixture.Http.PostAsync("/api/apps", new StringContent(body, Encoding.UTF8, "application/json"), Ct).WaitAsync(TimeSpan.FromSeconds(120), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}\n{fixture.Server.Output}");
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await fixture.Http.GetAsync(path, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private async Task CallAsync(string app, string function, string json, HttpStatusCode expected)
    {
        using var response = await fixture.Http.PostAsync($"/{ServerProcess.Prefix}/{app}/latest/call/{function}",
            new StringContent(json, Encoding.UTF8, "application/json"), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{function}: {(int)response.StatusCode} {body}\n{fixture.Server.Output}");
    }
}
