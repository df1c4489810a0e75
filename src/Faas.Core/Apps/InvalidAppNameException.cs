namespace Faas.Core.Apps;

public sealed class InvalidAppNameException(string? raw)
    : FaasException(
        FaasError.BadRequest,
        $"Invalid application name '{raw}': use 1 to {AppName.MaxLength} letters, digits, '.', '_' or '-', starting with a letter or digit.");
