using System.Net;
using Faas.Server.Tests.EndToEnd;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>
/// The real server bound to 0.0.0.0 (it only listens there: every request goes to 127.0.0.1) with no admin key
/// generates one into a private file and logs the file's path, never the key.
/// </summary>
public sealed class NonLoopbackBindTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_AllInterfacesWithoutAdminKey_GeneratesKeyFilePrintsOnlyItsPathAndReusesIt()
    {
        var data = TempDirectory.Create("faas-bind");
        try
        {
            var file = Path.Combine(data, "security", "admin.key");
            string key;
            await using (var server = await ServerProcess.StartAsync(data, Ct, bindHost: "0.0.0.0"))
            {
                Assert.True(File.Exists(file), $"no {file}\n{server.Output}");
                key = (await File.ReadAllTextAsync(file, Ct)).Trim();
                Assert.StartsWith("faas_", key);
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }
                Assert.Contains(file, server.Output);
                Assert.DoesNotContain(key, server.Output);
                Assert.DoesNotContain(key["faas_".Length..], server.Output);

                using var client = server.CreateClient();
                await (await client.SendAsync(HttpMethod.Get, "/api/inspect")).Expect401Async();
                await (await client.SendAsync(HttpMethod.Get, "/api/inspect", null, ("Authorization", $"Bearer {key}"))).ExpectAsync(HttpStatusCode.OK);
            }

            await using (var restarted = await ServerProcess.StartAsync(data, Ct, bindHost: "0.0.0.0"))
            {
                Assert.Equal(key, (await File.ReadAllTextAsync(file, Ct)).Trim());
                Assert.DoesNotContain(key["faas_".Length..], restarted.Output);
                using var client = restarted.CreateClient();
                await (await client.SendAsync(HttpMethod.Get, "/api/inspect", null, ("X-Api-Key", key))).ExpectAsync(HttpStatusCode.OK);
                await (await client.SendAsync(HttpMethod.Get, "/api/inspect")).Expect401Async();
            }
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }
}
