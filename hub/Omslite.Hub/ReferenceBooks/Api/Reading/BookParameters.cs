using System.Data;
using Dapper;

namespace Omslite.Hub.ReferenceBooks.Api.Reading;

/// <summary>
/// The parameters every book's SQL may use: <c>@mo</c> (the caller's MO), <c>@today</c>, <c>@asOf</c>,
/// <c>@version</c> and <c>@n</c> (typed, also when null).
/// </summary>
public static class BookParameters
{
    public static DynamicParameters Create(int mo, DateOnly today, BookFilter filter)
    {
        var parameters = new DynamicParameters();
        parameters.Add("mo", mo, DbType.Int32);
        parameters.Add("today", today.ToDateTime(TimeOnly.MinValue), DbType.Date);
        parameters.Add("asOf", filter.AsOf?.ToDateTime(TimeOnly.MinValue), DbType.Date);
        parameters.Add("version", filter.Version, DbType.Int32);
        parameters.Add("n", filter.AtLeast, DbType.Int32);
        return parameters;
    }

    /// <summary>The hub's local date: "valid today" and "the tariff in force" are the clinic's today.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
