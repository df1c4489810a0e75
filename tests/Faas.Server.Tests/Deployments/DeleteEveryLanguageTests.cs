using System.Net;
using Faas.Server.Tests.Contract;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Deployments;

/// <summary>Deleting an app stops its workers, whatever their language.</summary>
public sealed class DeleteEveryLanguageTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task Delete_RunningApp_EveryWorkerProcessExits(string language)
    {
        var app = $"del-{language}";
        await server.Client.DeployZipAsync(app, Samples.Zip($"contract/{language}"));
        var workers = WorkerProcesses.OfApp(server.DataDirectory, app);
        Assert.Contains(workers, w => w.Language == language);

        var response = await server.Client.DeleteAppAsync(server.Factory.Prefix, app);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WorkerProcesses.WaitUntilGoneAsync(workers.Select(w => w.Pid));
    }
}
