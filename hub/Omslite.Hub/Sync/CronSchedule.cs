namespace Omslite.Hub.Sync;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week) with <c>*</c>, <c>*/n</c>, lists and
/// ranges — what a source's <c>Schedule</c> says, e.g. <c>*/15 * * * *</c> (every 15 minutes) or <c>0 7 * * 1-5</c>.
/// </summary>
public sealed class CronSchedule
{
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _weekdays;

    private CronSchedule(bool[] minutes, bool[] hours, bool[] days, bool[] months, bool[] weekdays)
    {
        _minutes = minutes;
        _hours = hours;
        _days = days;
        _months = months;
        _weekdays = weekdays;
    }

    /// <summary>Parses an expression; throws <see cref="FormatException"/> with a Russian message when it is wrong.</summary>
    public static CronSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"Неверное расписание «{expression}»: нужно 5 полей cron (минуты часы дни месяцы дни_недели), например «*/15 * * * *»");
        }

        try
        {
            var weekdays = Field(fields[4], 0, 7);
            weekdays[0] |= weekdays[7];
            return new CronSchedule(Field(fields[0], 0, 59), Field(fields[1], 0, 23), Field(fields[2], 1, 31), Field(fields[3], 1, 12), weekdays);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Неверное расписание «{expression}»: {ex.Message}", ex);
        }
    }

    /// <summary>Whether the schedule fires in the minute that contains <paramref name="time"/>.</summary>
    public bool IsDue(DateTime time) =>
        _minutes[time.Minute] && _hours[time.Hour] && _days[time.Day] && _months[time.Month] && _weekdays[(int)time.DayOfWeek];

    private static bool[] Field(string text, int min, int max)
    {
        var allowed = new bool[max + 1];
        foreach (var part in text.Split(','))
        {
            var (range, step) = part.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, out var n) && n > 0 => (r, n),
                _ => throw new FormatException($"непонятная часть «{part}»"),
            };
            var (from, to) = range switch
            {
                "*" => (min, max),
                _ when range.Split('-') is [var a, var b] => (Number(a, min, max), Number(b, min, max)),
                _ => (Number(range, min, max), step > 1 ? max : Number(range, min, max)),
            };
            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        return allowed;
    }

    private static int Number(string text, int min, int max) =>
        int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"значение «{text}» вне диапазона {min}–{max}");
}
