namespace Faas.Worker.CSharp;

/// <summary>A script could not be loaded; the message names the script and the cause.</summary>
internal sealed class LoadException(string message, string typeName) : Exception(message)
{
    /// <summary>Sent as the error's <c>data.type</c>.</summary>
    public string TypeName => typeName;
}
