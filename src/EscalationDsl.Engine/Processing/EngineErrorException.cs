namespace EscalationDsl.Engine.Processing;

/// <summary>
/// A read or command the loop could not carry out (the engine is stopping, the store failed, a bug
/// failed the request alone): the answer it gets, as <see cref="EngineError"/>. The API answers it
/// with that status and problem (<c>Api.EngineErrorHandler</c>); others who post work (the policy
/// watcher) log it and go on.
/// </summary>
internal sealed class EngineErrorException(EngineError error) : Exception(error.Detail)
{
    /// <summary>The answer: status, title and detail.</summary>
    public EngineError Error { get; } = error;
}
