using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Omslite.Hub.Api;

namespace Omslite.Hub.ReferenceBooks.Api.Editing;

/// <summary>What a rule sees: the row as it would be saved, its key (null for a new row) and the book's parameters.</summary>
public sealed record RuleContext(
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction,
    BookEditing Editing,
    IReadOnlyDictionary<string, object?> Values,
    object? Key,
    DynamicParameters Parameters,
    CancellationToken Ct)
{
    public Task<bool> AskAsync(string sql) =>
        Connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, Parameters, Transaction, cancellationToken: Ct));
}

/// <summary>A rule over a whole row, checked before it is saved. Messages may name fields as <c>{field}</c>.</summary>
public abstract partial record RecordRule(string Field, string Message)
{
    public async Task<FieldError?> CheckAsync(RuleContext context) =>
        await HoldsAsync(context) ? null : new FieldError(Field, Fill(Message, context.Values));

    protected abstract Task<bool> HoldsAsync(RuleContext context);

    private static string Fill(string message, IReadOnlyDictionary<string, object?> values) =>
        Placeholder().Replace(message, m => Convert.ToString(values.GetValueOrDefault(m.Groups[1].Value), System.Globalization.CultureInfo.InvariantCulture) ?? "");

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The field's value, when set, must be found by <paramref name="Sql"/> (a boolean query over <c>@value</c>).</summary>
public sealed record MustExist(string Field, string Sql, string Message) : RecordRule(Field, Message)
{
    protected override Task<bool> HoldsAsync(RuleContext context)
    {
        if (context.Values[Field] is not { } value)
        {
            return Task.FromResult(true);
        }

        context.Parameters.Add("value", value);
        return context.AskAsync(Sql);
    }
}

/// <summary>No other row of the scope (deleted rows aside) has the same values of these fields.</summary>
public sealed record MustBeUnique(IReadOnlyList<string> Fields, string Message) : RecordRule(Fields[0], Message)
{
    protected override Task<bool> HoldsAsync(RuleContext context)
    {
        var editing = context.Editing;
        var conditions = new List<string> { editing.ScopeSql };
        foreach (var field in Fields.Select(f => editing.Fields.First(e => e.Field == f)))
        {
            if (context.Values[field.Field] is not { } value)
            {
                return Task.FromResult(true);
            }

            conditions.Add($"{field.Column} = {FieldValues.AddParameter(context.Parameters, "unique_" + field.Field, field.Type, value)}");
        }

        if (context.Key is not null)
        {
            context.Parameters.Add("key", context.Key);
            conditions.Add($"{editing.KeyColumn} <> @key");
        }

        if (editing.SoftDelete)
        {
            conditions.Add("not deleted");
        }

        return context.AskAsync($"select not exists(select 1 from {editing.Table} where {string.Join(" and ", conditions)})");
    }
}

/// <summary>A rule over the row's own values, e.g. two dates in order.</summary>
public sealed record MustHold(string Field, Func<IReadOnlyDictionary<string, object?>, bool> Holds, string Message) : RecordRule(Field, Message)
{
    protected override Task<bool> HoldsAsync(RuleContext context) => Task.FromResult(Holds(context.Values));
}
