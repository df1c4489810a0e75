using Faas.Core.Functions;
using Faas.Core.Rpc;

namespace Faas.Core.Tests.Functions;

public sealed class ErrorDetailTests
{
    [Theory]
    [InlineData("Error: boom\n    at inner (/data/apps/a/v2/lib/util.js:3:9)\n    at handler (/data/apps/a/v2/index.js:7:3)\n    at /srv/workers/node/worker.js:70:5", "/data/apps/a/v2/lib/util.js", 3)]
    [InlineData("Traceback (most recent call last):\n  File \"/srv/workers/python/worker.py\", line 80, in call\n  File \"/data/apps/a/v2/main.py\", line 4, in handler\n    helper()\n  File \"/data/apps/a/v2/lib.py\", line 9, in helper\nValueError: x", "/data/apps/a/v2/lib.py", 9)]
    [InlineData("/data/apps/a/v2/main.rb:12:in 'handler'\n/srv/workers/ruby/worker.rb:40:in 'call'", "/data/apps/a/v2/main.rb", 12)]
    [InlineData("System.InvalidOperationException: x\n   at Lib.Helper() in /data/apps/a/v2/Lib.cs:line 8\n   at Handler.handler(JsonElement ctx, JsonElement evt) in /data/apps/a/v2/Handler.cs:line 57", "/data/apps/a/v2/Lib.cs", 8)]
    public void Where_Stacks_InnermostFrameInTheVersion(string stack, string file, int line) =>
        Assert.Equal((file, line), ErrorDetail.Where(stack, "/data/apps/a/v2"));

    [Fact]
    public void Where_NoFrameInTheVersion_Null() =>
        Assert.Null(ErrorDetail.Where("Error\n    at x (/data/apps/a/v1/index.js:1:1)\n    at y (/data/apps/a/v2/node_modules/m/i.js:2:2)", "/data/apps/a/v2"));

    [Fact]
    public void Describe_StackInAppFile_TypeMessageWhereAndMarkedSource()
    {
        var directory = Path.Combine(Path.GetTempPath(), "faas-detail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllLines(Path.Combine(directory, "index.js"), ["// 1", "// 2", "function f() {", "  throw new Error('boom');", "}", "// 6", "// 7"]);
            var stack = $"Error: boom\n    at f ({directory}/index.js:4:9)";

            var detail = ErrorDetail.Describe(new RpcError(-32000, "boom", "Error", stack), directory);

            Assert.Equal("Error: boom\n  at index.js:4\n     2 | // 2\n     3 | function f() {\n>    4 |   throw new Error('boom');\n     5 | }\n     6 | // 6", detail);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Where_LuaTraceback_FirstScriptOfTheVersionByName()
    {
        var directory = Path.Combine(Path.GetTempPath(), "faas-detail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "lib"));
        try
        {
            File.WriteAllText(Path.Combine(directory, "lib", "util.lua"), "");
            File.WriteAllText(Path.Combine(directory, "handler.lua"), "");
            var stack = "lib/util.lua:3: boom\nstack traceback:\n\t[C]: in function 'error'\n\tlib/util.lua:3: in function 'check'\n\thandler.lua:9: in function 'handler'";

            Assert.Equal((Path.Combine(directory, "lib", "util.lua"), 3), ErrorDetail.Where(stack, directory));
            Assert.Null(ErrorDetail.Where("../outside.lua:3: boom\nmissing.lua:4: in main chunk", directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Describe_NoStack_TypeAndMessage() =>
        Assert.Equal("ValueError: bad", ErrorDetail.Describe(new RpcError(-32000, "bad", "ValueError"), "/nowhere"));
}
