namespace Provisio.Synchronization;

/// <summary>Why the engine refused a request: a Graph error code, its message, and the HTTP status the API answers with.</summary>
public sealed record EngineError(int Status, string Code, string Message)
{
    public static EngineError NotFound(string message) => new(404, "ResourceNotFound", message);

    public static EngineError BadRequest(string code, string message) => new(400, code, message);

    public static EngineError Conflict(string message) => new(409, "Conflict", message);
}
