/**
 * Generated from Tessera's /openapi.json by packages/client/scripts/generate-client.ts
 * (`npm run client`). Do not edit by hand.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the server can answer decisions
         * @description Answers 200 whenever decisions can be answered, which they are from memory even while the database is unavailable: `database` says whether writes can be taken too, and since when.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                            /** @description The revision the in-memory index reflects. */
                            revision: number;
                            /** @description `unavailable`: writes answer 503 `unavailable` until the server reconnects by itself. */
                            database: "connected" | "unavailable";
                            /** @description ISO 8601: when the database became connected or unavailable. */
                            since: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in caller */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                id: string;
                                username: string;
                                store: string;
                                name: string;
                                email: string | null;
                            };
                            via: string;
                            csrfToken: string | null;
                            homeOrganization: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign in with a username and password
         * @description Answers a session. `mode: "cookie"` (the console) sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token that unsafe requests must send in `X-CSRF-Token`; `mode: "token"` returns a bearer token instead. Failed attempts are throttled per username and per address (429 with Retry-After).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                        mode?: "cookie" | "token";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                id: string;
                                username: string;
                                store: string;
                                name: string;
                                email: string | null;
                            };
                            csrfToken: string | null;
                            token: string | null;
                            expiresAt: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Sign out (ends the session the request came with) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's personal access tokens */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                /** @description The first characters of the token, to tell tokens apart. */
                                prefix: string;
                                user: string;
                                createdAt: string;
                                expiresAt: string | null;
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a personal access token
         * @description The token is shown once, in this answer; only its hash is stored. It acts as the caller, with the caller's permissions as they are when it is used.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description Days until the token expires: 90 unless given, at most 366. Tokens that never expire are not made. */
                        expiresInDays?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            info: {
                                id: string;
                                name: string;
                                /** @description The first characters of the token, to tell tokens apart. */
                                prefix: string;
                                user: string;
                                createdAt: string;
                                expiresAt: string | null;
                                revokedAt: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of the caller's tokens */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the personal access token.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * May this user do this here? (the decision rule of docs/concepts.md)
         * @description Answers from the in-memory index, never the database. Omit `user` to ask about an anonymous guest. An unknown user or target is answered `allowed: false` (with `explain: true`, the explanation says which); a permission the tree lacks is a 400 `unknown-permission` problem. The caller may always ask about itself; asking about anyone else, or a guest, requires `decision:check` at the home organization.
         *
         *     Requires `decision:check` at the home organization, when asking about another user or the anonymous guest (callers may always ask about themselves).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A user id or domain-qualified username (`PRIMARY/alice`); omit it to ask about an anonymous guest. */
                        user?: string;
                        permission: string;
                        /** @description An id, or a name or path (`acme`, `acme/engineering`, `acme/engineering/api/pizza-shack`). */
                        resource: {
                            /** @description `organization`, `project` or a resource type (`api`, `component`, …). */
                            type: string;
                            id: string;
                        };
                        /** @description A revision the answer must reflect ([consistency](/docs/guide/concepts#consistency-revisions-and-atleast)). A server behind it waits (bounded; `Prefer: wait=<seconds>` shortens the wait), then answers 503 `revision-timeout`. */
                        atLeast?: number;
                        explain?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed: boolean;
                            revision: number;
                            /** @description Why the decision came out as it did (see `POST /v1/explain`). */
                            explanation?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/check/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Many decisions in one request, all at one revision
         * @description Each check is as for `POST /v1/check` (without `atLeast`, which applies to the whole batch). Answers the decisions in the order asked. Asking about anyone but the caller requires `decision:check` at the home organization.
         *
         *     Requires `decision:check` at the home organization, when asking about another user or the anonymous guest (callers may always ask about themselves).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        checks: {
                            /** @description A user id or domain-qualified username (`PRIMARY/alice`); omit it to ask about an anonymous guest. */
                            user?: string;
                            permission: string;
                            /** @description An id, or a name or path (`acme`, `acme/engineering`, `acme/engineering/api/pizza-shack`). */
                            resource: {
                                /** @description `organization`, `project` or a resource type (`api`, `component`, …). */
                                type: string;
                                id: string;
                            };
                            explain?: boolean;
                        }[];
                        /** @description A revision the answer must reflect ([consistency](/docs/guide/concepts#consistency-revisions-and-atleast)). A server behind it waits (bounded; `Prefer: wait=<seconds>` shortens the wait), then answers 503 `revision-timeout`. */
                        atLeast?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            revision: number;
                            decisions: {
                                allowed: boolean;
                                /** @description Why the decision came out as it did (see `POST /v1/explain`). */
                                explanation?: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Why a decision comes out as it does
         * @description When allowed: the highest-level mapping that grants the permission (role, subject, level, the group it comes through, the permission-tree node) and every other one; when denied: what was missing, and the mappings that hold the permission but do not count here. Same authorization as `POST /v1/check`.
         *
         *     Requires `decision:check` at the home organization, when asking about another user or the anonymous guest (callers may always ask about themselves).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A user id or domain-qualified username (`PRIMARY/alice`); omit it to ask about an anonymous guest. */
                        user?: string;
                        permission: string;
                        /** @description An id, or a name or path (`acme`, `acme/engineering`, `acme/engineering/api/pizza-shack`). */
                        resource: {
                            /** @description `organization`, `project` or a resource type (`api`, `component`, …). */
                            type: string;
                            id: string;
                        };
                        /** @description A revision the answer must reflect ([consistency](/docs/guide/concepts#consistency-revisions-and-atleast)). A server behind it waits (bounded; `Prefer: wait=<seconds>` shortens the wait), then answers 503 `revision-timeout`. */
                        atLeast?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed: boolean;
                            revision: number;
                            explanation: {
                                user: {
                                    id: string;
                                    name: string;
                                } | null;
                                permission: string;
                                target: ({
                                    level: string;
                                    id: string;
                                    name: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                /** @description When allowed: the highest-level mapping that grants the permission. */
                                grant: ({
                                    mapping: string;
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    subject: {
                                        kind: string;
                                        id?: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    target: {
                                        level: string;
                                        id: string;
                                        name: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    group: {
                                        id: string;
                                        name: string;
                                    } | null;
                                    /** @description The permission-tree node, granted by the role, that covers the permission. */
                                    node: string;
                                    /** @description Role names from the mapped role to the one holding `node` (composite roles). */
                                    through: string[];
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                /** @description When allowed: every mapping that grants it, highest level first. */
                                grants: ({
                                    mapping: string;
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    subject: {
                                        kind: string;
                                        id?: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    target: {
                                        level: string;
                                        id: string;
                                        name: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    group: {
                                        id: string;
                                        name: string;
                                    } | null;
                                    /** @description The permission-tree node, granted by the role, that covers the permission. */
                                    node: string;
                                    /** @description Role names from the mapped role to the one holding `node` (composite roles). */
                                    through: string[];
                                } & {
                                    [key: string]: unknown;
                                })[];
                                /** @description When denied: why, as a stable code and in words. */
                                denial: {
                                    code: string;
                                    reason: string;
                                } | null;
                                /** @description Mappings that hold the permission but do not count at this target, and why. */
                                excluded: {
                                    grant: {
                                        mapping: string;
                                        role: {
                                            id: string;
                                            name: string;
                                        };
                                        subject: {
                                            kind: string;
                                            id?: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                        target: {
                                            level: string;
                                            id: string;
                                            name: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                        group: {
                                            id: string;
                                            name: string;
                                        } | null;
                                        /** @description The permission-tree node, granted by the role, that covers the permission. */
                                        node: string;
                                        /** @description Role names from the mapped role to the one holding `node` (composite roles). */
                                        through: string[];
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    code: string;
                                    reason: string;
                                }[];
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/permissions-at": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Every permission a user holds at a target
         * @description With `explain: true`, each permission carries the highest-level mapping that grants it. Same authorization as `POST /v1/check`.
         *
         *     Requires `decision:check` at the home organization, when asking about another user or the anonymous guest (callers may always ask about themselves).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A user id or domain-qualified username (`PRIMARY/alice`); omit it to ask about an anonymous guest. */
                        user?: string;
                        /** @description An id, or a name or path (`acme`, `acme/engineering`, `acme/engineering/api/pizza-shack`). */
                        resource: {
                            /** @description `organization`, `project` or a resource type (`api`, `component`, …). */
                            type: string;
                            id: string;
                        };
                        explain?: boolean;
                        /** @description A revision the answer must reflect ([consistency](/docs/guide/concepts#consistency-revisions-and-atleast)). A server behind it waits (bounded; `Prefer: wait=<seconds>` shortens the wait), then answers 503 `revision-timeout`. */
                        atLeast?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            revision: number;
                            permissions: {
                                key: string;
                                grant?: {
                                    mapping: string;
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    subject: {
                                        kind: string;
                                        id?: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    target: {
                                        level: string;
                                        id: string;
                                        name: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    group: {
                                        id: string;
                                        name: string;
                                    } | null;
                                    /** @description The permission-tree node, granted by the role, that covers the permission. */
                                    node: string;
                                    /** @description Role names from the mapped role to the one holding `node` (composite roles). */
                                    through: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The targets of a type a user may act on with a permission
         * @description Ascending by id, complete across pages (`after` takes the previous page's `next`). Same authorization as `POST /v1/check`.
         *
         *     Requires `decision:check` at the home organization, when asking about another user or the anonymous guest (callers may always ask about themselves).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A user id or domain-qualified username (`PRIMARY/alice`); omit it to ask about an anonymous guest. */
                        user?: string;
                        permission: string;
                        /** @description `organization`, `project` or a resource type. */
                        type: string;
                        /** @default 50 */
                        limit?: number;
                        /** @description The `next` cursor of the previous page. */
                        after?: string;
                        explain?: boolean;
                        /** @description A revision the answer must reflect ([consistency](/docs/guide/concepts#consistency-revisions-and-atleast)). A server behind it waits (bounded; `Prefer: wait=<seconds>` shortens the wait), then answers 503 `revision-timeout`. */
                        atLeast?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                type: string;
                                name: string;
                                path: string;
                                grant?: {
                                    mapping: string;
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    subject: {
                                        kind: string;
                                        id?: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    target: {
                                        level: string;
                                        id: string;
                                        name: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    group: {
                                        id: string;
                                        name: string;
                                    } | null;
                                    /** @description The permission-tree node, granted by the role, that covers the permission. */
                                    node: string;
                                    /** @description Role names from the mapped role to the one holding `node` (composite roles). */
                                    through: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                            }[];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reverse-lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Who may act on a target with a permission, and why (the "who has access" page)
         * @description Each user (and the anonymous guest, as `user: null`) with the highest-level mapping that grants the permission; ascending by user id, paged.
         *
         *     Requires `decision:check` at the home organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        permission: string;
                        /** @description An id, or a name or path (`acme`, `acme/engineering`, `acme/engineering/api/pizza-shack`). */
                        resource: {
                            /** @description `organization`, `project` or a resource type (`api`, `component`, …). */
                            type: string;
                            id: string;
                        };
                        /** @default 50 */
                        limit?: number;
                        /** @description The `next` cursor of the previous page. */
                        after?: string;
                        /** @description A revision the answer must reflect ([consistency](/docs/guide/concepts#consistency-revisions-and-atleast)). A server behind it waits (bounded; `Prefer: wait=<seconds>` shortens the wait), then answers 503 `revision-timeout`. */
                        atLeast?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                user: {
                                    id: string;
                                    name: string;
                                } | null;
                                grant: {
                                    mapping: string;
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    subject: {
                                        kind: string;
                                        id?: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    target: {
                                        level: string;
                                        id: string;
                                        name: string;
                                    } & {
                                        [key: string]: unknown;
                                    };
                                    group: {
                                        id: string;
                                        name: string;
                                    } | null;
                                    /** @description The permission-tree node, granted by the role, that covers the permission. */
                                    node: string;
                                    /** @description Role names from the mapped role to the one holding `node` (composite roles). */
                                    through: string[];
                                } & {
                                    [key: string]: unknown;
                                };
                            }[];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the organizations the caller may see
         * @description Requires `organization:view` at each listed organization (others are left out).
         */
        get: {
            parameters: {
                query: {
                    parent?: string;
                    name?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-0"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an organization, with the preset's default groups and mappings
         * @description A child organization needs `organization:create` at its parent; a root organization needs it at the home organization, and its creator becomes its administrator.
         *
         *     Requires `organization:create` at the parent organization (the home organization for a root one).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        parent?: string | null;
                        requireTwoFactor?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            organization: components["schemas"]["def-0"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{organization}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an organization (by id or name)
         * @description Requires `organization:view` at the organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The organization: its id or its name.
                     * @example acme
                     */
                    organization: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            parent: string | null;
                            requireTwoFactor: boolean;
                            adminRole: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete an organization
         * @description Refused while it holds projects, groups or child organizations, unless `cascade=true` deletes them with it.
         *
         *     Requires `organization:delete` at the organization.
         */
        delete: {
            parameters: {
                query: {
                    cascade: boolean;
                };
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The organization: its id or its name.
                     * @example acme
                     */
                    organization: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename an organization or change its settings
         * @description Requires `organization:update` at the organization.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The organization: its id or its name.
                     * @example acme
                     */
                    organization: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        requireTwoFactor?: boolean;
                        adminRole?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            organization: components["schemas"]["def-0"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/organizations/{organization}/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an organization's projects the caller may see
         * @description Requires `project:view` at each listed project (others are left out).
         */
        get: {
            parameters: {
                query: {
                    name?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The organization: its id or its name.
                     * @example acme
                     */
                    organization: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-1"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a project in an organization
         * @description Requires `project:create` at the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The organization: its id or its name.
                     * @example acme
                     */
                    organization: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project: components["schemas"]["def-1"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a project (by id or `organization/project` path)
         * @description Requires `project:view` at the project.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The project: its id or its `organization/project` path.
                     * @example acme/engineering
                     */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            organization: string;
                            /** @description `organization/project`: usable wherever a project is referenced. */
                            path: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a project
         * @description Refused while it holds resources or role mappings, unless `cascade=true` deletes them with it.
         *
         *     Requires `project:delete` at the project.
         */
        delete: {
            parameters: {
                query: {
                    cascade: boolean;
                };
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The project: its id or its `organization/project` path.
                     * @example acme/engineering
                     */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a project
         * @description Requires `project:edit` at the project.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The project: its id or its `organization/project` path.
                     * @example acme/engineering
                     */
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project: components["schemas"]["def-1"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/projects/{project}/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project's access page: who holds which role here
         * @description The role mappings at the project, and those at its organization and parent organizations, which apply to the project too (`inherited: true`). Organization-level grants take precedence: nothing mapped at the project narrows what a mapping at its organization (or a parent organization) grants. To restrict a project to chosen groups, map their roles at the project instead of at the organization.
         *
         *     Requires `project:view` at the project.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The project: its id or its `organization/project` path.
                     * @example acme/engineering
                     */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project: components["schemas"]["def-1"];
                            mappings: {
                                mapping: string;
                                role: {
                                    id: string;
                                    name: string;
                                };
                                subject: {
                                    kind: string;
                                    id: string | null;
                                    name: string;
                                };
                                level: {
                                    level: string;
                                    id: string;
                                    name: string;
                                };
                                /** @description Mapped at the organization (or a parent organization), so it applies to the project too. */
                                inherited: boolean;
                            }[];
                            note: string;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the resources the caller may see
         * @description A private resource is listed only to subjects invited to it (a mapping on it) and holders of `resource:view-private`.
         *
         *     Requires `resource:view` at each listed resource (others are left out).
         */
        get: {
            parameters: {
                query: {
                    organization?: string;
                    project?: string;
                    /** @description `api`, `application`, `component`, `environment`, … (types are open). */
                    type?: string;
                    name?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-2"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a resource in a project or directly in an organization
         * @description Name the `project` (its organization is implied) or the `organization`; when both are given the project must be in the organization.
         *
         *     Requires `resource:manage` at the project (or the organization, for a resource directly in it).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description `api`, `application`, `component`, `environment`, … (types are open). */
                        type: string;
                        name: string;
                        organization?: string;
                        project?: string;
                        private?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            resource: components["schemas"]["def-2"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/resources/{resource}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a resource
         * @description Requires `resource:view` at the resource.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the resource.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    resource: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            type: string;
                            name: string;
                            organization: string;
                            /** @description null when the resource sits directly in the organization. */
                            project: string | null;
                            /** @description Only invited subjects (a mapping on the resource) and holders of `resource:view-private` see it. */
                            private: boolean;
                            path: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a resource
         * @description Refused while role mappings sit on it, unless `cascade=true` removes them with it.
         *
         *     Requires `resource:manage` at the resource.
         */
        delete: {
            parameters: {
                query: {
                    cascade: boolean;
                };
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The id of the resource.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    resource: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a resource or make it private or public
         * @description Requires `resource:manage` at the resource.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The id of the resource.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    resource: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        private?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            resource: components["schemas"]["def-2"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search users
         * @description Requires `user:view` at the home organization.
         */
        get: {
            parameters: {
                query: {
                    /** @description Part of the username, any case. */
                    name?: string;
                    email?: string;
                    store?: string;
                    status?: "active" | "invited" | "disabled";
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-3"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user, optionally with a password
         * @description The user and its password are written together. Users of a read-only user store cannot be created here.
         *
         *     Requires `user:manage` at the home organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        store?: string;
                        email?: string | null;
                        status?: "active" | "invited" | "disabled";
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["def-3"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{user}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a user (by id, STORE/username with the slash encoded as %2F, or username)
         * @description Requires `user:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The user: its id, its `STORE/username`, or its username in the PRIMARY store.
                     * @example alice
                     */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            username: string;
                            store: string;
                            email: string | null;
                            status: "active" | "invited" | "disabled";
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a user, with its memberships, role mappings, password, sessions and tokens
         * @description The id is never reused: a user created later with the same username is a new user and inherits nothing.
         *
         *     Requires `user:manage` at the home organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The user: its id, its `STORE/username`, or its username in the PRIMARY store.
                     * @example alice
                     */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a user's email or status
         * @description Disabling the last active holder of an organization's admin role is refused (`last-admin`); users of a read-only store cannot be edited.
         *
         *     Requires `user:manage` at the home organization.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The user: its id, its `STORE/username`, or its username in the PRIMARY store.
                     * @example alice
                     */
                    user: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        status?: "active" | "invited" | "disabled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["def-3"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/users/{user}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The groups a user is in, in every organization
         * @description Requires `user:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The user: its id, its `STORE/username`, or its username in the PRIMARY store.
                     * @example alice
                     */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                group: components["schemas"]["def-4"];
                                organization: {
                                    id: string;
                                    name: string;
                                };
                            }[];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{user}/mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's role mappings: its own, and those it has through each of its groups (`via`)
         * @description Requires `user:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The user: its id, its `STORE/username`, or its username in the PRIMARY store.
                     * @example alice
                     */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                role: {
                                    id: string;
                                    name: string;
                                };
                                subject: {
                                    kind: string;
                                    id?: string;
                                };
                                target: {
                                    level: string;
                                    id: string;
                                    name: string;
                                };
                                via: {
                                    id: string;
                                    name: string;
                                    organization: string;
                                } | null;
                            }[];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{user}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a user's password (ends the user's sessions and revokes their personal access tokens)
         * @description Callers change their own password by sending `currentPassword`; setting anyone else's (or one's own without it) needs `user:manage` at the home organization. Every session of the user ends (the caller signs in again with the new password) and every personal access token is revoked.
         *
         *     Requires `user:manage` at the home organization, unless callers change their own with currentPassword.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The user: its id, its `STORE/username`, or its username in the PRIMARY store.
                     * @example alice
                     */
                    user: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        currentPassword?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{organization}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an organization's groups, with their roles
         * @description Requires `group:view` at the organization.
         */
        get: {
            parameters: {
                query: {
                    /** @description Part of the name, any case. */
                    name?: string;
                    member?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The organization: its id or its name.
                     * @example acme
                     */
                    organization: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                organization: string;
                                name: string;
                                store: string;
                                description: string | null;
                                roles: {
                                    /** @description The role mapping id. */
                                    mapping: string;
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    target: {
                                        level: string;
                                        id: string;
                                        name: string;
                                    };
                                }[];
                                /** @description True when the group has no role: its members gain nothing from it. */
                                flagged: boolean;
                            }[];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a group, with its roles
         * @description Each role is mapped to the group at the organization, or at the given project of it; each needs `role:assign` there and is refused when deprecated, not assignable or beyond what the caller holds. A group created without a role is flagged, and the answer warns about it.
         *
         *     Requires `group:manage` at the organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The organization: its id or its name.
                     * @example acme
                     */
                    organization: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        description?: string | null;
                        store?: string;
                        roles?: {
                            role: string;
                            project?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            group: {
                                id: string;
                                organization: string;
                                name: string;
                                store: string;
                                description: string | null;
                                roles: {
                                    /** @description The role mapping id. */
                                    mapping: string;
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    target: {
                                        level: string;
                                        id: string;
                                        name: string;
                                    };
                                }[];
                                /** @description True when the group has no role: its members gain nothing from it. */
                                flagged: boolean;
                            };
                            mappings: {
                                id: string;
                                role: string;
                                subject: {
                                    kind: string;
                                    id?: string;
                                };
                                target: {
                                    level: string;
                                    id: string;
                                };
                            }[];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                            warnings: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{group}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a group, with its roles
         * @description Requires `group:view` at the group's organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the group.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    group: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            organization: string;
                            name: string;
                            store: string;
                            description: string | null;
                            roles: {
                                /** @description The role mapping id. */
                                mapping: string;
                                role: {
                                    id: string;
                                    name: string;
                                };
                                target: {
                                    level: string;
                                    id: string;
                                    name: string;
                                };
                            }[];
                            /** @description True when the group has no role: its members gain nothing from it. */
                            flagged: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a group
         * @description Refused while roles are mapped to it, unless `cascade=true` removes those mappings with it; refused when it would leave an organization without an admin.
         *
         *     Requires `group:manage` at the group's organization.
         */
        delete: {
            parameters: {
                query: {
                    cascade: boolean;
                };
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The id of the group.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    group: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a group or change its description
         * @description Requires `group:manage` at the group's organization.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The id of the group.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    group: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            group: {
                                id: string;
                                organization: string;
                                name: string;
                                store: string;
                                description: string | null;
                                roles: {
                                    /** @description The role mapping id. */
                                    mapping: string;
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    target: {
                                        level: string;
                                        id: string;
                                        name: string;
                                    };
                                }[];
                                /** @description True when the group has no role: its members gain nothing from it. */
                                flagged: boolean;
                            };
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/groups/{group}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A group's members
         * @description Requires `group:view` at the group's organization.
         */
        get: {
            parameters: {
                query: {
                    /** @description Part of the username, any case. */
                    name?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The id of the group.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    group: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                username: string;
                                store: string;
                                email: string | null;
                                status: string;
                            }[];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{group}/members/{user}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a user to a group (idempotent)
         * @description Joining gives the user every role of the group, so the caller must be able to grant each of them (`privilege-escalation` otherwise).
         *
         *     Requires `group:manage` at the group's organization.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the group.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    group: string;
                    /**
                     * @description The user: its id, its `STORE/username`, or its username in the PRIMARY store.
                     * @example alice
                     */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                            /** @description False when the user was a member already. */
                            added: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /**
         * Remove a user from a group
         * @description Refused (`last-admin`) when it would leave an organization without an active admin.
         *
         *     Requires `group:manage` at the group's organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the group.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    group: string;
                    /**
                     * @description The user: its id, its `STORE/username`, or its username in the PRIMARY store.
                     * @example alice
                     */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An organization's invitations
         * @description Requires `user:invite` at the organization.
         */
        get: {
            parameters: {
                query: {
                    organization: string;
                    status?: "pending" | "accepted" | "revoked" | "expired";
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-5"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite someone by email into a group, or to a role on one resource
         * @description Send either `group` (an invitation to join it: needs `user:invite` at its organization, and the caller must be able to grant every role of the group) or `role` and `resource` (needs `user:invite` and `role:assign` on the resource, and the caller must be able to grant the role there). The answer holds the token and the accept link, once; only the token's hash is stored. Mail is not sent by the server.
         *
         *     Requires `user:invite` at the group's organization, or the resource (with role:assign there).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        group?: string;
                        role?: string;
                        resource?: {
                            type: string;
                            id: string;
                        };
                        expiresInHours?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invitation: components["schemas"]["def-5"];
                            token: string;
                            acceptUrl: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a pending invitation
         * @description An invitation accepted, revoked or expired already answers `invitation-invalid` (410).
         *
         *     Requires `user:invite` at the invitation's organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the invitation.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invitation: components["schemas"]["def-5"];
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an invitation is for, by its token (for the accept page) */
        get: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            organization: {
                                id: string;
                                name: string;
                            };
                            group: {
                                id: string;
                                name: string;
                            } | null;
                            role: {
                                id: string;
                                name: string;
                            } | null;
                            resource: {
                                type: string;
                                id: string;
                                name: string;
                            } | null;
                            email: string;
                            expiresAt: string;
                            status: "pending" | "accepted" | "revoked" | "expired";
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation
         * @description A signed-in caller accepts for itself. Otherwise a new active PRIMARY user is created with the invitation's email and the given `username` and `password`; when that username is taken (`duplicate`), sign in and accept instead. An invitation is accepted once: afterwards, and when revoked or expired, it answers `invitation-invalid` (410).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                        username?: string;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["def-3"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List roles (those usable in an organization: the root roles and its own)
         * @description Requires `role:view` at the organization given (the home organization when none).
         */
        get: {
            parameters: {
                query: {
                    organization?: string;
                    name?: string;
                    predefined?: boolean;
                    deprecated?: boolean;
                    assignable?: boolean;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-6"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a role
         * @description A role mapped to existing roles (`includes`) holds all their permissions and scopes, now and as they change. The caller must hold every permission the role would carry where it is defined, or `role:escalate`.
         *
         *     Requires `role:manage` at the organization the role is defined in (the home organization for a root role).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        organization?: string | null;
                        description?: string | null;
                        permissions?: string[];
                        includes?: string[];
                        aliases?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            role: components["schemas"]["def-6"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles/{role}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a role (by id, or by name or alias as usable in `organization`)
         * @description Requires `role:view` at the role's organization (the home organization for a root role).
         */
        get: {
            parameters: {
                query?: {
                    organization?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The role: its id, or its name or an alias (a root role, or one of the organization the `organization` query names).
                     * @example Developer
                     */
                    role: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            organization: string | null;
                            organizationName: string | null;
                            description: string | null;
                            permissions: string[];
                            includes: string[];
                            aliases: string[];
                            predefined: boolean;
                            deprecated: boolean;
                            assignable: boolean;
                            editable: boolean;
                            exemptFromTwoFactor: boolean;
                            store: string | null;
                            owner: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a role
         * @description Predefined roles cannot be deleted. A role still mapped, included or allowed scopes is kept unless `cascade=true` removes those too.
         *
         *     Requires `role:manage` at the role's organization (the home organization for a root role).
         */
        delete: {
            parameters: {
                query: {
                    organization?: string;
                    cascade: boolean;
                };
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The role: its id, or its name or an alias (a root role, or one of the organization the `organization` query names).
                     * @example Developer
                     */
                    role: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a role or change its permissions, included roles, aliases or flags
         * @description Renaming is always allowed (mappings refer to roles by id). Changing permissions or included roles needs an editable role and the caller to hold what is added.
         *
         *     Requires `role:manage` at the role's organization (the home organization for a root role).
         */
        patch: {
            parameters: {
                query?: {
                    organization?: string;
                };
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The role: its id, or its name or an alias (a root role, or one of the organization the `organization` query names).
                     * @example Developer
                     */
                    role: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                        permissions?: string[];
                        includes?: string[];
                        aliases?: string[];
                        deprecated?: boolean;
                        assignable?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            role: components["schemas"]["def-6"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/roles/{role}/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every permission a role grants, with its included roles and the permission tree expanded
         * @description Requires `role:view` at the role's organization (the home organization for a root role).
         */
        get: {
            parameters: {
                query?: {
                    organization?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The role: its id, or its name or an alias (a root role, or one of the organization the `organization` query names).
                     * @example Developer
                     */
                    role: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            role: {
                                id: string;
                                name: string;
                            };
                            permissions: string[];
                            includes: {
                                id: string;
                                name: string;
                            }[];
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles/{role}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Users with this role: each holder and the mappings it holds the role through
         * @description A mapping of a role that includes this one counts too. Paged by qualified user name.
         *
         *     Requires `role:view` at the role's organization (the home organization for a root role).
         */
        get: {
            parameters: {
                query: {
                    organization?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The role: its id, or its name or an alias (a root role, or one of the organization the `organization` query names).
                     * @example Developer
                     */
                    role: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                user: {
                                    id: string;
                                    name: string;
                                    status: string;
                                };
                                mappings: {
                                    mapping: string;
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    target: {
                                        level: string;
                                        type: string;
                                        id: string;
                                        name: string;
                                    };
                                    kind: "direct" | "group" | "everyone";
                                    group: {
                                        id: string;
                                        name: string;
                                    } | null;
                                }[];
                            }[];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The whole permission tree, sorted by key (parents before their children)
         * @description Requires `role:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-7"][];
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/permissions/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one node of the permission tree
         * @description Requires `role:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The permission key: its path in the permission tree, `:`-separated.
                     * @example project:edit
                     */
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            description: string | null;
                            levels: string[];
                            visibilityGated: boolean;
                            parent: string | null;
                            children: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /**
         * Create or update a node of the permission tree
         * @description A new node needs its parent (`api` for `api:create`); it may be granted at every level unless `levels` says otherwise.
         *
         *     Requires `role:manage` at the home organization.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The permission key: its path in the permission tree, `:`-separated.
                     * @example project:edit
                     */
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        levels?: ("organization" | "project" | "resource")[];
                        visibilityGated?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            permission: components["schemas"]["def-7"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            permission: components["schemas"]["def-7"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete a leaf of the permission tree
         * @description Refused (`referenced`) while it has children or a role holds it.
         *
         *     Requires `role:manage` at the home organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The permission key: its path in the permission tree, `:`-separated.
                     * @example project:edit
                     */
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List scopes
         * @description `role` keeps the scopes a holder of that role is allowed (through the role or one it includes).
         *
         *     Requires `scope:view` at the home organization.
         */
        get: {
            parameters: {
                query: {
                    name?: string;
                    role?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-8"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scopes/grant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Which of the requested scopes a user may be granted in an organization
         * @description A scope is granted when the user holds, at the organization or above, a role allowed it. The caller may ask about itself; asking about another user needs `decision:check` at the home organization.
         *
         *     Requires `decision:check` at the home organization, when asking about another user.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        user?: string;
                        scopes: string[];
                        organization: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            granted: string[];
                            grantedBy: {
                                [key: string]: string;
                            };
                            refused: {
                                scope: string;
                                reason: string;
                            }[];
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scopes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a scope and the roles allowed it
         * @description Requires `scope:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The name of the OAuth 2.0 scope.
                     * @example apim:api_create
                     */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            description: string | null;
                            roles: {
                                id: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /**
         * Create or update a scope and the roles allowed it
         * @description Requires `scope:manage` at the home organization.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The name of the OAuth 2.0 scope.
                     * @example apim:api_create
                     */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        roles: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scope: components["schemas"]["def-8"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scope: components["schemas"]["def-8"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete a scope
         * @description Requires `scope:manage` at the home organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The name of the OAuth 2.0 scope.
                     * @example apim:api_create
                     */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scopes/tenant-conf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The scopes, the roles allowed each and the role mappings, as the RESTAPIScopes and RoleMappings sections of a WSO2 tenant-conf.json
         * @description `Roles` is one comma-separated string, as in WSO2’s file. `RoleMappings` lists, for each role that other roles include, the role itself followed by those roles (as WSO2’s Admin Portal saves a mapping); it is absent when there is none.
         *
         *     Requires `scope:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            RESTAPIScopes: {
                                Scope: {
                                    Name: string;
                                    /** @description The roles allowed the scope, comma-separated. */
                                    Roles: string;
                                    /** @description Not in WSO2’s file; its loader ignores it. */
                                    Description?: string;
                                }[];
                            };
                            /** @description "<original role>": "<original role>,<new role>,…": each new role includes the original. */
                            RoleMappings?: {
                                [key: string]: string;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /**
         * Replace the scopes and role mappings with those of a WSO2 tenant-conf.json, in one write
         * @description The body is a tenant-conf.json (sections other than RESTAPIScopes and RoleMappings are ignored). Scopes it lists are created or updated, scopes it does not list are deleted. Each role named in a RoleMappings value includes the original role, and so gets all its scopes and permissions (a role that does not exist is created); a root role no longer mapped loses what it included. The caller needs `scope:manage` at the home organization and, for a mapping, must hold what it grants (or `role:escalate`). Every problem is reported with its path, and nothing is written.
         *
         *     Requires `scope:manage` at the home organization.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description A tenant-conf.json document (see GET for its shape). */
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scopes: {
                                created: string[];
                                changed: string[];
                                unchanged: string[];
                                deleted: string[];
                            };
                            roles: {
                                created: string[];
                                changed: string[];
                            };
                            notes: {
                                path: string;
                                message: string;
                            }[];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List role mappings
         * @description `organization` keeps every mapping whose target lies in that organization (its projects and resources too).
         *
         *     Requires `role:view` at the organization given (the home organization when none).
         */
        get: {
            parameters: {
                query: {
                    role?: string;
                    subject?: string;
                    level?: "organization" | "project" | "resource";
                    target?: string;
                    organization?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-9"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Map a role to a subject at an organization, a project or a resource
         * @description The role must be assignable, not deprecated and usable in the target's organization; the caller must hold every permission the mapping would grant there, or `role:escalate`.
         *
         *     Requires `role:assign` at the target.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role: string;
                        subject: {
                            /** @enum {string} */
                            kind: "user";
                            id: string;
                        } | {
                            /** @enum {string} */
                            kind: "group";
                            id: string;
                        } | {
                            /** @enum {string} */
                            kind: "everyone";
                        } | {
                            /** @enum {string} */
                            kind: "anonymous";
                        };
                        target: {
                            /** @description `organization`, `project`, or a resource type (`api`, `component`…) */
                            type: string;
                            id: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mapping: components["schemas"]["def-9"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mappings/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add and remove role mappings in one change
         * @description All or nothing, at one revision (Akana's role memberships: assign and remove users, then save). Each addition is judged as `POST /v1/mappings` judges it and each removal as `DELETE /v1/mappings/{id}`; the no-lock-out rule is judged on the whole change. A refusal names the item (`add[1]`, `remove[0]`) and changes nothing.
         *
         *     Requires `role:assign` at each added mapping's target and each removed mapping's target.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        add?: {
                            role: string;
                            subject: {
                                /** @enum {string} */
                                kind: "user";
                                id: string;
                            } | {
                                /** @enum {string} */
                                kind: "group";
                                id: string;
                            } | {
                                /** @enum {string} */
                                kind: "everyone";
                            } | {
                                /** @enum {string} */
                                kind: "anonymous";
                            };
                            target: {
                                /** @description `organization`, `project`, or a resource type (`api`, `component`…) */
                                type: string;
                                id: string;
                            };
                        }[];
                        remove?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: components["schemas"]["def-9"][];
                            removed: string[];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mappings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a role mapping
         * @description Requires `role:view` at the mapping's target.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the role mapping.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            role: {
                                id: string;
                                name: string;
                            };
                            subject: {
                                kind: "user" | "group" | "everyone" | "anonymous";
                                id: string | null;
                                name: string;
                            };
                            target: {
                                level: string;
                                type: string;
                                id: string;
                                name: string;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Remove a role mapping
         * @description Refused (`last-admin`) when it would leave an organization without an active admin.
         *
         *     Requires `role:assign` at the mapping's target.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The id of the role mapping.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The installation's settings
         * @description Requires `settings:manage` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adminRole: {
                                id: string;
                                name: string;
                            } | null;
                            organizationDefaults: {
                                groups: {
                                    name: string;
                                    description: string | null;
                                    roles: {
                                        id: string;
                                        name: string;
                                    }[];
                                }[];
                                mappings: {
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    subject: {
                                        kind: string;
                                        name: string | null;
                                    };
                                }[];
                            };
                            homeOrganization: {
                                id: string;
                                name: string;
                            };
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /**
         * Choose the installation's admin role
         * @description The no-lock-out rule protects its last active holder, so the new admin role must have an active holder.
         *
         *     Requires `settings:manage` at the home organization.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        adminRole: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adminRole: {
                                id: string;
                                name: string;
                            } | null;
                            organizationDefaults: {
                                groups: {
                                    name: string;
                                    description: string | null;
                                    roles: {
                                        id: string;
                                        name: string;
                                    }[];
                                }[];
                                mappings: {
                                    role: {
                                        id: string;
                                        name: string;
                                    };
                                    subject: {
                                        kind: string;
                                        name: string | null;
                                    };
                                }[];
                            };
                            homeOrganization: {
                                id: string;
                                name: string;
                            };
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user-stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List user stores
         * @description Requires `user:view` at the home organization.
         */
        get: {
            parameters: {
                query: {
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-10"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a user store (a domain users and groups live in: `LDAP/alice`)
         * @description Requires `settings:manage` at the home organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        readOnly?: boolean;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            userStore: components["schemas"]["def-10"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user-stores/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a user store
         * @description Requires `user:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The name of the user store.
                     * @example PRIMARY
                     */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            readOnly: boolean;
                            description: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Remove a user store
         * @description Refused (`referenced`) while users, groups or roles live in it.
         *
         *     Requires `settings:manage` at the home organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The name of the user store.
                     * @example PRIMARY
                     */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Make a user store read-only or read-write, or describe it
         * @description The PRIMARY store is always read-write.
         *
         *     Requires `settings:manage` at the home organization.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; otherwise 412 `precondition-failed` and nothing changes. Checked inside the write. */
                    "if-match"?: string;
                };
                path: {
                    /**
                     * @description The name of the user store.
                     * @example PRIMARY
                     */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        readOnly?: boolean;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description The resource's version as a strong entity tag, e.g. `"42"`. */
                        etag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            userStore: components["schemas"]["def-10"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The resource changed since the version If-Match names. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The whole state as a document (docs/documents.md), which re-applies to the same state
         * @description Requires `settings:manage` at the home organization.
         */
        get: {
            parameters: {
                query: {
                    format: "json" | "yaml";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The document; YAML text when `format=yaml`. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        } | string;
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first
         * @description Each entry: who (actor), when (at), what (action, target), each record changed before and after (effects), and the revision the write produced. Filters: `actor` (a user id or name; a deleted user by raw id), `target` (`kind:key`, e.g. `group:<id>`, or a bare id of any record), `since`/`until` (ISO 8601, inclusive). Page with `before`: the previous page's `next`.
         *
         *     Requires `audit:view` at the home organization.
         */
        get: {
            parameters: {
                query: {
                    actor?: string;
                    target?: string;
                    since?: string;
                    until?: string;
                    /** @description Entries older than this entry id (the `next` of the previous page). */
                    before?: number;
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-11"][];
                            next: number | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List applications: the caller's own, or anyone's with user:view at the home organization
         * @description Requires `user:view` at the home organization, to list applications other than the caller's own.
         */
        get: {
            parameters: {
                query: {
                    organization?: string;
                    owner?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-12"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Register an application owned by the caller
         * @description Requires `application:manage` at the organization given.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Unique among the owner's applications; part of its application roles' names. */
                        name: string;
                        organization: string;
                        description?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            application: components["schemas"]["def-12"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications/{application}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an application
         * @description Requires `user:view` at the home organization, unless the caller owns the application or holds one of its application roles.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            description: string | null;
                            organization: {
                                id: string;
                                name: string;
                            };
                            owner: {
                                id: string;
                                /** @description Null once the owner was deleted. */
                                name: string | null;
                            };
                            createdAt: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete an application with its keys, application roles, subscriptions and API keys
         * @description Requires `application:manage` at the application's organization, for its owner (others need user:manage at the home organization).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications/{application}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The application's key-manager entries (client ids, never secrets)
         * @description A key type's entry is listed only to holders of its application role (or of `user:view` at the home organization); seeing none of them is 403.
         *
         *     Requires `user:view` at the home organization, unless the caller holds the key type's application role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-13"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Generate the application's keys of one type: a client id and a secret shown only now
         * @description Creates the application role `Application/<owner>_<application>_<KEYTYPE>`, held by the owner at the application's organization; holding it is what lets a user see this key-manager entry. Once per key type (409 after), until revoked.
         *
         *     Requires `application:manage` at the application's organization, for the application's owner.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        keyType: "PRODUCTION" | "SANDBOX";
                        redirectUris?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            /** @description Shown once: only its hash is stored. */
                            clientSecret: string;
                            keyType: "PRODUCTION" | "SANDBOX";
                            redirectUris: string[];
                            applicationRole: {
                                id: string;
                                name: string;
                            };
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications/{application}/keys/{keyType}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke the application's keys of one type and remove their application role
         * @description Requires `application:manage` at the application's organization, for its owner (others need user:manage at the home organization).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                    /**
                     * @description The key type.
                     * @example PRODUCTION
                     */
                    keyType: "PRODUCTION" | "SANDBOX";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications/{application}/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The application's subscriptions
         * @description Requires `user:view` at the home organization, unless the caller owns the application or holds one of its application roles.
         */
        get: {
            parameters: {
                query: {
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-14"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Subscribe the application to an API
         * @description Requires `subscription:create` at the API, for the application's owner.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        api: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            subscription: components["schemas"]["def-14"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications/{application}/subscriptions/{subscription}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unsubscribe the application from an API
         * @description Requires `subscription:manage` at the API (the application's organization once the API is gone), for the application's owner; others need user:manage at the home organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                    /**
                     * @description The id of the subscription.
                     * @example 5d2a7c9e-1b3f-4e6a-8c0d-9f4b2e7a1c53
                     */
                    subscription: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications/{application}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The application's API keys (never the keys themselves), optionally those whose prefix starts with `prefix`
         * @description Requires `user:view` at the home organization, unless the caller owns the application or holds one of its application roles.
         */
        get: {
            parameters: {
                query: {
                    prefix?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-15"][];
                            next: string | null;
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key for the application (shown only now)
         * @description Requires `api-key:generate` at the application's organization, for the application's owner.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        expiresInDays?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown once: only its hash is stored. */
                            key: string;
                            info: components["schemas"]["def-15"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications/{application}/api-keys/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Requires `api-key:manage` at the application's organization, for its owner (others need user:manage at the home organization).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the application.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    application: string;
                    /**
                     * @description The id of the API key.
                     * @example 8e4f2a6b-7c1d-4b9e-a053-6d2c1f8e3b94
                     */
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify an API key (for gateways): its application and the APIs it is subscribed to
         * @description Requires `decision:check` at the home organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            valid: boolean;
                            application: components["schemas"]["def-12"] | null;
                            subscriptions: components["schemas"]["def-14"][];
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a tessera/document: create what is missing, update what differs, in one write
         * @description Every problem of an invalid document is reported with its path, and nothing is written. `dryRun=true` plans without writing. Applying a document may grant anything, so it also needs `role:escalate` at the home organization.
         *
         *     Requires `settings:manage` at the home organization.
         */
        post: {
            parameters: {
                query: {
                    dryRun: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The document as JSON, or as YAML text sent as `application/yaml` or `text/yaml`. */
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    } | string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: string[];
                            changed: string[];
                            unchanged: string[];
                            revision: number;
                            dryRun: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy-tests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a tessera/policy-tests document against its own fixture (never the live state)
         * @description Requires `role:view` at the home organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The document as JSON, or as YAML text sent as `application/yaml` or `text/yaml`. */
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    } | string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            passed: number;
                            failed: number;
                            results: {
                                name: string;
                                path: string;
                                expected: boolean;
                                allowed: boolean;
                                passed: boolean;
                                explanation: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenID Connect discovery */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth2/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public keys tokens are signed with (JWKS) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth2/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token endpoint: client_credentials, authorization_code (PKCE S256), refresh_token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth2/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Authorization endpoint (response_type=code, PKCE S256 required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth2/introspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token introspection (RFC 7662) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth2/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token revocation (RFC 7009) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Organization */
        "def-0": {
            id: string;
            name: string;
            parent: string | null;
            requireTwoFactor: boolean;
            adminRole: string | null;
        };
        /** Project */
        "def-1": {
            id: string;
            name: string;
            organization: string;
            /** @description `organization/project`: usable wherever a project is referenced. */
            path: string;
        };
        /** Resource */
        "def-2": {
            id: string;
            type: string;
            name: string;
            organization: string;
            /** @description null when the resource sits directly in the organization. */
            project: string | null;
            /** @description Only invited subjects (a mapping on the resource) and holders of `resource:view-private` see it. */
            private: boolean;
            path: string;
        };
        /** User */
        "def-3": {
            id: string;
            username: string;
            store: string;
            email: string | null;
            status: "active" | "invited" | "disabled";
        };
        /** Group */
        "def-4": {
            id: string;
            organization: string;
            name: string;
            store: string;
            description: string | null;
        };
        /** Invitation */
        "def-5": {
            id: string;
            email: string;
            organization: string;
            group: string | null;
            role: string | null;
            target: {
                level: string;
                id: string;
            } | null;
            createdBy: string | null;
            createdAt: string;
            expiresAt: string;
            acceptedAt: string | null;
            acceptedBy: string | null;
            revokedAt: string | null;
            status: "pending" | "accepted" | "revoked" | "expired";
        };
        /** Role */
        "def-6": {
            id: string;
            name: string;
            organization: string | null;
            organizationName: string | null;
            description: string | null;
            permissions: string[];
            includes: string[];
            aliases: string[];
            predefined: boolean;
            deprecated: boolean;
            assignable: boolean;
            editable: boolean;
            exemptFromTwoFactor: boolean;
            store: string | null;
            owner: string | null;
        };
        /** Permission */
        "def-7": {
            key: string;
            description: string | null;
            levels: string[];
            visibilityGated: boolean;
            parent: string | null;
            children: string[];
        };
        /** Scope */
        "def-8": {
            name: string;
            description: string | null;
            roles: {
                id: string;
                name: string;
            }[];
        };
        /** Mapping */
        "def-9": {
            id: string;
            role: {
                id: string;
                name: string;
            };
            subject: {
                kind: "user" | "group" | "everyone" | "anonymous";
                id: string | null;
                name: string;
            };
            target: {
                level: string;
                type: string;
                id: string;
                name: string;
            };
        };
        /** UserStore */
        "def-10": {
            name: string;
            readOnly: boolean;
            description: string | null;
        };
        /** AuditEntry */
        "def-11": {
            id: number;
            /** @description The revision the write produced; null for work outside the model (tokens, passwords). */
            revision: number | null;
            /** @description Who: null id for the system (bootstrap, the CLI). */
            actor: {
                id: string | null;
                name: string | null;
            };
            /** @description When (ISO 8601). */
            at: string;
            /** @description What was done, e.g. `organization.create`. */
            action: string;
            /** @description The main record acted on, `kind:key`. */
            target: string | null;
            effects: {
                kind: string;
                key: string;
                before: unknown;
                after: unknown;
            }[];
            /** @description Effects left out of a very large write. */
            omitted: number;
        };
        /** Application */
        "def-12": {
            id: string;
            name: string;
            description: string | null;
            organization: {
                id: string;
                name: string;
            };
            owner: {
                id: string;
                /** @description Null once the owner was deleted. */
                name: string | null;
            };
            createdAt: string;
        };
        /**
         * ApplicationKey
         * @description A key-manager entry: never its secret.
         */
        "def-13": {
            clientId: string;
            keyType: "PRODUCTION" | "SANDBOX";
            redirectUris: string[];
            createdAt: string;
            applicationRole: {
                id: string;
                name: string;
            } | null;
        };
        /** Subscription */
        "def-14": {
            id: string;
            application: string;
            /** @description Null when the API was deleted since. */
            api: {
                id: string;
                type: string;
                name: string;
                path: string;
            } | null;
            createdAt: string;
        };
        /** ApiKeyInfo */
        "def-15": {
            id: string;
            name: string;
            prefix: string;
            createdAt: string;
            expiresAt: string | null;
            revokedAt: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
