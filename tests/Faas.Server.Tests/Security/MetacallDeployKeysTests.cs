using System.Net;
using System.Text;
using Faas.Server.Tests.EndToEnd;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>
/// The real <c>metacall-deploy</c> against a server with keys on. <c>--dev</c> always sends the token <c>local</c>
/// (its startup.js hard-codes it), so with keys on it is refused with 401; without <c>--dev</c> the CLI sends the <c>token</c>
/// of its config.ini (or <c>METACALL_API_KEY</c>) as <c>Authorization: jwt &lt;token&gt;</c> to its <c>baseURL</c>.
/// </summary>
public sealed class MetacallDeployKeysTests
{
    private const string AdminKey = "e2e-admin-key-0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetacallDeploy_KeysOn_TokenInConfigDeploysAndDevIsRefused()
    {
        _ = DeployCli.ScriptPath;
        var root = TempDirectory.Create("faas-e2e-keys");
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Faas__Security__RequireKeys"] = "true",
                ["Faas__Security__AdminKey"] = AdminKey,
            };
            await using var server = await ServerProcess.StartAsync(Directory.CreateDirectory(Path.Combine(root, "data")).FullName, Ct, settings: settings);
            var folder = Path.Combine(root, "app");
            Directory.CreateDirectory(folder);
            foreach (var file in Directory.EnumerateFiles(Samples.PathOf("node-sum")))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var withoutKey = new DeployCli(Directory.CreateDirectory(Path.Combine(root, "home-dev")).FullName);
            var dev = await withoutKey.RunAsync(server, "", "--dev", "--workdir", folder, "--projectName", "e2e-keys");
            Assert.True(dev.ExitCode != 0 && dev.Text.Contains("status code 401", StringComparison.Ordinal), $"--dev deployed without a key\n{dev}\n{server.Output}");

            var wrongKey = new DeployCli(Directory.CreateDirectory(Path.Combine(root, "home-wrong")).FullName) { Token = "faas_wrong" };
            var wrong = await wrongKey.RunAsync(server, "", "--workdir", folder, "--projectName", "e2e-keys");
            Assert.True(wrong.ExitCode != 0 && wrong.Text.Contains("status code 401", StringComparison.Ordinal), $"a wrong key deployed\n{wrong}\n{server.Output}");
            // /validate stays open: when it fails, the CLI deletes its config.ini (and with it the server's URL).
            Assert.True(File.Exists(Path.Combine(wrongKey.Home, ".metacall", "deploy", "config.ini")), $"{wrong}");

            var withKey = new DeployCli(Directory.CreateDirectory(Path.Combine(root, "home")).FullName) { Token = AdminKey };
            var deploy = await withKey.RunAsync(server, "", "--workdir", folder, "--projectName", "e2e-keys");
            Assert.True(deploy.ExitCode == 0 && deploy.Text.Contains("Repository deployed", StringComparison.Ordinal), $"{deploy}\n{server.Output}");

            using var client = server.CreateClient();
            using var call = await client.PostAsync(ServerProcess.CallPath("e2e-keys", "sum"), new StringContent("[1,2]", Encoding.UTF8, "application/json"), Ct);
            Assert.Equal("3", await call.ExpectAsync(HttpStatusCode.OK));
        }
        finally
        {
            TempDirectory.Delete(root);
        }
    }
}
