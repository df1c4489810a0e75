using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Faas.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Faas.Server.Tests.Dashboard;

/// <summary>The dashboard's New function page, Code tab (editor and file tree), HTTP request form and version diff, in a real Chromium with real Lua, Node.js, Python, Ruby and TypeScript workers.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardEditorTests(DashboardServerFixture fixture) : IClassFixture<DashboardServerFixture>
{
    private const float DeployTimeout = 120_000;

    private const string LuaOne = "function handler(ctx, event)\n  return { statusCode = 200, body = \"one\" }\nend\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewFunction_LuaHttpTemplate_CreatedAndCalledFromItsPage()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(NewFunction_LuaHttpTemplate_CreatedAndCalledFromItsPage), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/");
            await page.Locator("#new-function").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("New function");
            await page.Locator("#nf-language").SelectOptionAsync("lua");
            await page.Locator("#nf-template").SelectOptionAsync("lua-http");
            await Expect(page.Locator("#nf-editor .cm-content")).ToContainTextAsync("function handler(ctx, event)");
            // Highlighted: the keywords are spans of their own.
            await Expect(page.Locator("#nf-editor .cm-line span", new() { HasTextString = "function" }).First).ToBeVisibleAsync();
            var theme = await page.Locator("#theme").TextContentAsync();
            await page.Locator("#nf-editor .cm-line").First.ClickAsync();
            await page.Keyboard.PressAsync("Control+a");
            await page.Keyboard.TypeAsync("t");
            await Expect(page.Locator("#nf-editor .cm-content")).ToHaveTextAsync("t");
            await Expect(page.Locator("#theme")).ToHaveTextAsync(theme!);
            await page.Locator("#nf-template").SelectOptionAsync("lua-counter");
            await page.Locator("#confirm-ok").ClickAsync();
            await Expect(page.Locator("#nf-editor .cm-content")).ToContainTextAsync("kv.get(\"counter\")");
            await page.Locator("#nf-template").SelectOptionAsync("lua-http");
            await page.Locator("#nf-name").FillAsync("lua-hello-ui");

            await page.Locator("#nf-create").ClickAsync();

            await Expect(page.Locator("h1")).ToHaveTextAsync("lua-hello-ui", new() { Timeout = DeployTimeout });
            await Expect(page.Locator("#http-query")).ToHaveValueAsync("name=Ada");
            await Expect(page.Locator("#http-send")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#http-status")).ToHaveTextAsync(new Regex("^200"), new() { Timeout = 60_000 });
            await Expect(page.Locator("#http-body")).ToContainTextAsync("\"message\":\"Hello, Ada!\"");
        });
    }

    [Fact]
    public async Task CodeTab_EditSaveBrokenSaveRollbackDiff_EachShownAndServed()
    {
        const string app = "lua-edit-ui";
        using (var created = await fixture.Http.PostAsJsonAsync("/api/apps", new { name = app, language = "lua", code = LuaOne }, Ct).Bounded(HubApi.DeployTimeout))
        {
            await created.ExpectAsync(HttpStatusCode.Created);
        }
        await using var browser = await DashboardBrowser.LaunchAsync();
        browser.Expect(422);
        await browser.RunAsync(nameof(CodeTab_EditSaveBrokenSaveRollbackDiff_EachShownAndServed), async page =>
        {
            await page.GotoAsync($"{fixture.Server.Url}/#/apps/{app}/code");
            var editor = page.Locator("#code-editor .cm-content");
            await Expect(editor).ToContainTextAsync("body = \"one\"");
            await Expect(page.Locator("#files button[data-path='metacall.json']")).ToBeVisibleAsync();

            await editor.Locator(".cm-line span", new() { HasTextString = "one" }).DblClickAsync();
            await page.Keyboard.TypeAsync("two");
            await Expect(page.Locator("#code-dirty")).ToHaveTextAsync("Unsaved changes");
            await page.Locator("#code-save").ClickAsync();
            await Expect(page.Locator("main .row.title .mono")).ToHaveTextAsync("v2 active", new() { Timeout = DeployTimeout });
            Assert.Equal("two", await FnAsync(app));

            // The table of line 2 loses its closing brace: Lua stops at line 3.
            await page.Locator("#code-editor .cm-line", new() { HasTextString = "return" }).ClickAsync();
            await page.Keyboard.PressAsync("End");
            await page.Keyboard.PressAsync("Backspace");
            await Expect(page.Locator("#code-editor .cm-content")).Not.ToContainTextAsync("}");
            await page.Keyboard.PressAsync("Control+s");
            var error = page.Locator("#code-result .deploy-error");
            await Expect(error).ToContainTextAsync("v2 keeps serving", new() { Timeout = DeployTimeout });
            await Expect(error.Locator(".error-line")).ToHaveTextAsync("handler.lua, line 3");
            await Expect(error).ToContainTextAsync("'}' expected");
            await Expect(page.Locator("#code-editor .cm-faas-error-line")).ToHaveTextAsync("end");
            Assert.Equal("two", await FnAsync(app));

            await page.Locator("#tab-versions").ClickAsync();
            await page.Locator("#versions tr[data-version=v1] button").ClickAsync();
            await page.Locator("#confirm-ok").ClickAsync();
            await Expect(page.Locator("#versions tr[data-version=v1]")).ToContainTextAsync("active");
            Assert.Equal("one", await FnAsync(app));

            await Expect(page.Locator("#diff-from")).ToHaveValueAsync("v1");
            await Expect(page.Locator("#diff-to")).ToHaveValueAsync("v2");
            await Expect(page.Locator("#diff .diff-file[data-path='handler.lua'] tr.removed")).ToHaveTextAsync(new Regex("^2\\s*−\\s*return .*\"one\""));
            await Expect(page.Locator("#diff .diff-file[data-path='handler.lua'] tr.added")).ToHaveTextAsync(new Regex("^2\\s*\\+\\s*return .*\"two\""));
            await page.Locator("#diff-mode").SelectOptionAsync("split");
            await Expect(page.Locator("#diff td.text.added")).ToContainTextAsync("\"two\"");
            await Expect(page.Locator("#diff td.text.removed")).ToContainTextAsync("\"one\"");
            await page.Locator("#diff-mode").SelectOptionAsync("unified");
        });
    }

    [Fact]
    public async Task CodeTab_ArchiveApp_FileTreeAndReadOnlyContent()
    {
        const string app = "code-tree-ui";
        await (await fixture.Http.PutAppAsync(app, TestZip.Create(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
            ("index.js", "module.exports = require('./lib/sum.js');"),
            ("lib/sum.js", "module.exports = { sum: (a, b) => a + b };\n"))).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(CodeTab_ArchiveApp_FileTreeAndReadOnlyContent), async page =>
        {
            await page.GotoAsync($"{fixture.Server.Url}/#/apps/{app}/code");
            await Expect(page.Locator("#files summary")).ToHaveTextAsync("lib/");
            await Expect(page.Locator("#file-content .cm-content")).ToContainTextAsync("require('./lib/sum.js')");

            await page.Locator("#files button[data-path='lib/sum.js']").ClickAsync();

            await Expect(page.Locator("#file-view h2")).ToContainTextAsync("lib/sum.js");
            await Expect(page.Locator("#file-content .cm-content")).ToContainTextAsync("sum: (a, b) => a + b");
            await Expect(page.Locator("#file-content .cm-content")).ToHaveAttributeAsync("contenteditable", "false");
            await Expect(page.Locator("#code-save")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task Templates_EachLanguage_DeploysAndAnswersItsTry()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        await browser.RunAsync(nameof(Templates_EachLanguage_DeploysAndAnswersItsTry), async page =>
        {
            await page.GotoAsync(fixture.Server.Url + "/#/new");
            await Expect(page.Locator("#nf-template option").First).ToBeAttachedAsync();
            var templates = JsonDocument.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.FaasTemplates)")).RootElement.Clone();
            Assert.Equal(["lua", "node", "py", "rb", "ts"], templates.EnumerateArray().Select(t => t.GetProperty("language").GetString()!).Distinct().Order());
            foreach (var template in templates.EnumerateArray())
            {
                var name = "tpl-" + template.GetProperty("id").GetString();
                using var created = await fixture.Http.PostAsJsonAsync("/api/apps",
                    new { name, language = template.GetProperty("language").GetString(), code = template.GetProperty("code").GetString() }, Ct).Bounded(HubApi.DeployTimeout);
                await created.ExpectAsync(HttpStatusCode.Created);
                using var answer = await fixture.Http.GetBoundedAsync($"/fn/{name}{template.GetProperty("try").GetString()}");
                Assert.Contains(template.GetProperty("answer").GetString()!, await answer.ExpectAsync(HttpStatusCode.OK), StringComparison.Ordinal);
            }
        });
    }

    private async Task<string> FnAsync(string app) => await (await fixture.Http.GetBoundedAsync($"/fn/{app}")).ExpectAsync(HttpStatusCode.OK);
}
