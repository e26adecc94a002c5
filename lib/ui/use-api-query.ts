"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryOptions } from "@tanstack/react-query";
import { apiUrl, fetchApi, type ApiParams, type ApiRequestError } from "./api-client";

// The one query-hook pattern of the screens: `useApiQuery(path, params)` reads a read-API
// endpoint with the page's filters. Keys are `["api", path, params]`, so the live stream
// (components/shell/live-updates.tsx) refreshes every open query with one invalidation, and a
// filter change keeps the previous numbers on screen (dimmed by `isPlaceholderData`) until the
// new ones arrive instead of flashing skeletons.

export const API_KEY = "api" as const;

export function apiQueryKey(path: string, params: ApiParams = {}) {
  // Normalised through apiUrl so {a: undefined} and {} share one cache entry.
  return [API_KEY, path, apiUrl("", params)] as const;
}

export function useApiQuery<T>(
  path: string,
  params: ApiParams = {},
  options: Omit<UseQueryOptions<T, ApiRequestError, T, ReturnType<typeof apiQueryKey>>, "queryKey" | "queryFn"> = {},
) {
  return useQuery({
    queryKey: apiQueryKey(path, params),
    queryFn: ({ signal }) => fetchApi<T>(path, params, { signal }),
    placeholderData: keepPreviousData,
    ...options,
  });
}

/**
 * Writes (admin actions, nudges): JSON body to `path` with `method`; on success every API query
 * is invalidated so lists and counters on screen follow.
 */
export function useApiMutation<TBody, TResult = unknown>(
  path: string | ((body: TBody) => string),
  method: "POST" | "PATCH" | "PUT" | "DELETE" = "POST",
) {
  const qc = useQueryClient();
  return useMutation<TResult, ApiRequestError, TBody>({
    mutationFn: (body) =>
      fetchApi<TResult>(
        typeof path === "function" ? path(body) : path,
        {},
        { method, body: body === undefined ? undefined : JSON.stringify(body) },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: [API_KEY] }),
  });
}
