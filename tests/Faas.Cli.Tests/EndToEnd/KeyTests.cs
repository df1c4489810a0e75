using Faas.Cli.Tests.Infrastructure;

namespace Faas.Cli.Tests.EndToEnd;

/// <summary>A server that requires the admin key: without it exit 5, with <c>--key</c> or <c>FAAS_KEY</c> the commands work.</summary>
public sealed class KeyTests(KeyedTestServer server) : IClassFixture<KeyedTestServer>
{
    [Fact]
    public async Task Ls_WithoutAndWithTheAdminKey_Exit5ThenOk()
    {
        var ct = TestContext.Current.CancellationToken;
        var variables = server.Variables(Path.Combine(server.Root, "home"));

        var refused = await CliRun.RunAsync(variables, server.Root, ["ls"], ct);
        Assert.Equal(5, refused.ExitCode);
        Assert.Contains("--key or FAAS_KEY", refused.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRun.RunAsync(variables, server.Root, ["ls", "--key", KeyedTestServer.AdminKey], ct)).ExitCode);
        variables["FAAS_KEY"] = KeyedTestServer.AdminKey;
        Assert.Equal(0, (await CliRun.RunAsync(variables, server.Root, ["ls", "--json"], ct)).ExitCode);
    }

    [Fact]
    public async Task Keys_CreateListRevoke_TheCreatedKeyWorksUntilRevoked()
    {
        var ct = TestContext.Current.CancellationToken;
        var variables = server.Variables(Path.Combine(server.Root, "home-keys"));
        variables["FAAS_KEY"] = KeyedTestServer.AdminKey;

        var created = await CliRun.RunAsync(variables, server.Root, ["keys", "create", "laptop", "--scope", "admin", "--json"], ct);
        Assert.True(created.ExitCode == 0, created.ToString());
        var json = System.Text.Json.Nodes.JsonNode.Parse(created.Output)!;
        var id = json["id"]!.GetValue<string>();
        var key = json["key"]!.GetValue<string>();
        var listed = await CliRun.RunAsync(variables, server.Root, ["keys", "list"], ct);
        Assert.Contains("laptop", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Output, StringComparison.Ordinal);

        variables["FAAS_KEY"] = key;
        Assert.Equal(0, (await CliRun.RunAsync(variables, server.Root, ["ls"], ct)).ExitCode);
        variables["FAAS_KEY"] = KeyedTestServer.AdminKey;
        Assert.Equal(0, (await CliRun.RunAsync(variables, server.Root, ["keys", "revoke", id], ct)).ExitCode);
        variables["FAAS_KEY"] = key;
        Assert.Equal(5, (await CliRun.RunAsync(variables, server.Root, ["ls"], ct)).ExitCode);
    }
}
