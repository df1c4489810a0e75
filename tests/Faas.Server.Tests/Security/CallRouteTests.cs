using Faas.Server.Security;
using Microsoft.AspNetCore.Http;

namespace Faas.Server.Tests.Security;

public sealed class CallRouteTests
{
    [Theory]
    [InlineData("/host/app/v2/call/sum", "app", "v2", false)]
    [InlineData("/host/app/latest/AWAIT/sum", "app", "latest", false)]
    [InlineData("//host//app/v1/call/sum/", "app", "v1", false)]
    [InlineData("/host/app/v1/static/a/b/c.txt", "app", "v1", false)]
    [InlineData("/fn/app", "app", "latest", true)]
    [InlineData("/FN/app@v3/some/path", "app", "v3", true)]
    [InlineData("/invoke/box/anything", "box", "latest", false)]
    public void TryParse_CallPath_NamesAppAndVersion(string path, string app, string version, bool httpFunction)
    {
        Assert.True(CallRoute.TryParse(new PathString(path), out var route));
        Assert.Equal(new CallRoute(app, version, httpFunction), route);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/fn")]
    [InlineData("/invoke")]
    [InlineData("/api/apps/x/y/call/z")]
    [InlineData("/host/app/v1/call")]
    [InlineData("/host/app/v1/call/sum/extra")]
    [InlineData("/host/app/v1/other/sum")]
    [InlineData("/host/app/v1")]
    public void TryParse_OtherPath_IsNotACall(string path) =>
        Assert.False(CallRoute.TryParse(new PathString(path), out _));
}
