using System;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// Wraps a list operation's page fetch for <see cref="CodeCatalystCmdlet.WritePages{T}"/> so that, in a long
    /// listing, the next page is already on its way while the pipeline thread writes the current one.
    /// </summary>
    /// <remarks>
    /// Reading ahead starts only from the second page and only when no page size was asked for (no -First): a
    /// listing cut short on its first page, such as <c>| Select-Object -First 3</c>, costs exactly one request as
    /// before. A listing stopped later may have asked for one page it never writes.
    /// </remarks>
    internal sealed class PageReadAhead<T>
    {
        private readonly Func<string?, int?, CancellationToken, Task<Page<T>>> _fetchPage;
        private string? _aheadToken;
        private Task<Page<T>>? _ahead;
        private int _pagesServed;

        public PageReadAhead(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage)
        {
            _fetchPage = fetchPage;
        }

        /// <summary>Same contract as the wrapped fetch; called on the pipeline thread, one page at a time.</summary>
        public Task<Page<T>> FetchAsync(string? nextToken, int? pageSize, CancellationToken cancellationToken)
        {
            Task<Page<T>> page;
            if (_ahead != null && pageSize == null && nextToken != null && nextToken == _aheadToken)
            {
                page = _ahead;
            }
            else
            {
                page = _fetchPage(nextToken, pageSize, cancellationToken);
            }

            _ahead = null;
            _aheadToken = null;
            _pagesServed++;
            return pageSize == null && _pagesServed >= 2 ? StartNextWhenDoneAsync(page, nextToken, cancellationToken) : page;
        }

        private async Task<Page<T>> StartNextWhenDoneAsync(Task<Page<T>> page, string? sentToken, CancellationToken cancellationToken)
        {
            var result = await page.ConfigureAwait(false);
            // A nextToken equal to the one sent ends the listing with an error (WritePages): asking for that page
            // again would be a request nobody reads.
            if (result.NextToken != null && !string.Equals(result.NextToken, sentToken, StringComparison.Ordinal) &&
                !cancellationToken.IsCancellationRequested)
            {
                // Set before this task completes, so the pipeline thread sees it when it asks for the next page.
                _aheadToken = result.NextToken;
                _ahead = _fetchPage(result.NextToken, null, cancellationToken);
            }

            return result;
        }
    }
}
