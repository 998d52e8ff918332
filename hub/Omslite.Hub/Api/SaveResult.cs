namespace Omslite.Hub.Api;

/// <summary>What a create or update came to; endpoints turn it into the HTTP answer.</summary>
public abstract record SaveResult<T>
{
    public sealed record Saved(T Value) : SaveResult<T>;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : SaveResult<T>;

    public sealed record NotFound(string Message) : SaveResult<T>;

    /// <summary>Somebody saved in between, or the record may not change in its state (e.g. a closed visit).</summary>
    public sealed record Conflict(string Message) : SaveResult<T>;

    public IResult ToHttp(Func<T, IResult> onSaved) => this switch
    {
        Saved s => onSaved(s.Value),
        Invalid i => ApiError.Invalid(i.Errors),
        NotFound n => ApiError.NotFound(n.Message),
        Conflict c => ApiError.Conflict(c.Message),
        _ => throw new InvalidOperationException(),
    };
}
