/**
 * Generated from Tessera's /openapi.json by packages/client/scripts/generate-client.ts
 * (`npm run client`). Do not edit by hand.
 */

export interface paths {
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
                        /**
                         * Format: date-time
                         * @description Decide at this instant (ISO 8601), for mappings with `notBefore` or `expiresAt`. Absent: now.
                         */
                        at?: string;
                        /** @description Roles (ids or names) the session has already used: a role a dynamic separation-of-duties constraint pairs with one of them does not count. */
                        activeRoles?: string[];
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
         * @description Each check is as for `POST /v1/check` (without `atLeast`, which applies to the whole batch). Answers the decisions in the order asked. The checks come in one of two forms: `checks`, up to 1,000 `{user, permission, resource}` objects, answered `decisions: [{allowed}]`; or the compact form, `users`, `permissions` and `resources` each listed once and up to 10,000 `triples` of indexes into them (`[user, permission, resource]`), answered `allowed`, a string of one character per triple, `1` for allowed and `0` for denied. Both forms, neither, or an index past the end of its list is a 400 `validation` problem. Asking about anyone but the caller (in the compact form: any listed user but the caller) requires `decision:check` at the home organization.
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
                        /** @description The checks, each with its user, permission and resource; answered `decisions`. Not with the compact form. */
                        checks?: {
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
                        /** @description The compact form: the users the checks name, each once (`null`: an anonymous guest); `checks` index into it. */
                        users?: (string | null)[];
                        /** @description The compact form: the permissions the checks name, each once. */
                        permissions?: string[];
                        /** @description The compact form: the resources the checks name, each once. */
                        resources?: {
                            /** @description `organization`, `project` or a resource type (`api`, `component`, …). */
                            type: string;
                            id: string;
                        }[];
                        /** @description The compact form: each check as `[user, permission, resource]`, indexes into `users`, `permissions` and `resources`; answered `allowed`, one character per triple. */
                        triples?: number[][];
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
                            /** @description For `checks`: one per check, in the order of the request's `checks`. */
                            decisions?: {
                                allowed: boolean;
                                /** @description Why the decision came out as it did (see `POST /v1/explain`). */
                                explanation?: {
                                    [key: string]: unknown;
                                };
                            }[];
                            /** @description For the compact form: one character per triple, in the order of the request's `triples`: `1` allowed, `0` denied. */
                            allowed?: string;
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
    "/v1/check/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One user and permission at many targets, all at one revision ("which of these APIs may alice see")
         * @description Answers, in the order asked, whether `user` holds `permission` at each target, as `POST /v1/check` would one by one. The targets come in one of two forms: `targets`, up to 1,000 `{type, id}` objects, answered `decisions: [{allowed}]`; or the compact form for targets of one type, `type` and up to 10,000 `ids`, answered `allowed`, a string of one character per id, `1` for allowed and `0` for denied (`"allowed": "1001"`). An unknown target is answered denied; a permission the tree lacks is a 400 `unknown-permission` problem; both forms, or neither, a 400 `validation` problem. The caller may always ask about itself; asking about anyone else, or a guest, requires `decision:check` at the home organization.
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
                        /** @description The targets, each with its type; answered `decisions`. Not with `type` and `ids`. */
                        targets?: {
                            /** @description `organization`, `project` or a resource type (`api`, `component`, …). */
                            type: string;
                            id: string;
                        }[];
                        /** @description The compact form: the type of every target in `ids` (`project`, `api`, …). */
                        type?: string;
                        /** @description The compact form: the targets of `type`, by id, name or path; answered `allowed`, one character per id. */
                        ids?: string[];
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
                            /** @description For `targets`: one per target, in the order of the request's `targets`. */
                            decisions?: {
                                allowed: boolean;
                            }[];
                            /** @description For the compact form: one character per id, in the order of the request's `ids`: `1` allowed, `0` denied. */
                            allowed?: string;
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
                        /**
                         * Format: date-time
                         * @description Decide at this instant (ISO 8601), for mappings with `notBefore` or `expiresAt`. Absent: now.
                         */
                        at?: string;
                        /** @description Roles (ids or names) the session has already used: a role a dynamic separation-of-duties constraint pairs with one of them does not count. */
                        activeRoles?: string[];
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
                            /** @description Each LDAP user store's directory as last asked: `unavailable` blocks its users' sign-ins and its synchronisation, never decisions. */
                            userStores: {
                                name: string;
                                directory: "connected" | "unavailable";
                                since: string | null;
                            }[];
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
         * @description Answers a session. `mode: "cookie"` (the console) sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token that unsafe requests must send in `X-CSRF-Token`; `mode: "token"` returns a bearer token instead. Failed attempts are throttled per username and per address (429 with Retry-After). A user without the installation's sign-in permission is refused (403 `sign-in-not-permitted`); one who needs a second factor gets 202 with a short-lived challenge instead of a session (`POST /v1/session/two-factor`).
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
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            twoFactor: {
                                /** @description Opaque, single use; answer it at `POST /v1/session/two-factor`. */
                                challenge: string;
                                expiresAt: string;
                                /** @description True when the user must enrol a second factor first (`POST /v1/session/two-factor/enrolment`). */
                                enrolmentRequired: boolean;
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
    "/v1/session/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Second sign-in step: answer the challenge with a code, get the session
         * @description Takes a six-digit TOTP code (each accepted once: a replayed code is refused with `two-factor-code-reused`) or a recovery code (spent by its use). With a challenge that requires enrolment, the code confirms the enrolment started at `POST /v1/session/two-factor/enrolment` and the answer carries the recovery codes. Throttled per user and per address like passwords; the challenge is single use and lasts 5 minutes.
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
                        /** @description The challenge `POST /v1/session` answered. */
                        challenge: string;
                        /** @description A six-digit code of the authenticator app, or one of the recovery codes. */
                        code: string;
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
                            /** @description After an enrolment at sign-in: the recovery codes, shown once. */
                            recoveryCodes?: string[];
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
    "/v1/session/two-factor/enrolment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enrol a second factor during sign-in (a challenge that requires enrolment)
         * @description For a user whom policy requires a second factor but who has none: the challenge allows this and nothing else. Answers a new TOTP secret, its `otpauth://` URI and QR code; the first valid code at `POST /v1/session/two-factor` confirms it.
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
                        /** @description The challenge `POST /v1/session` answered. */
                        challenge: string;
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
                            /** @description The shared secret (base32), for typing in by hand. */
                            secret: string;
                            /** @description The `otpauth://totp/…` URI. */
                            uri: string;
                            /** @description The QR code of the URI, an SVG `data:` URL. */
                            qrCode: string;
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
    "/v1/me/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's second factor: enrolled, required, recovery codes left */
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
                            enrolled: boolean;
                            /** @description An enrolment waits for its first code. */
                            pending: boolean;
                            /** @description Policy requires a second factor of this user. */
                            required: boolean;
                            recoveryCodesLeft: number;
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
         * Start enrolling a second factor (TOTP): a secret, its URI and QR code
         * @description The enrolment counts once `POST /v1/me/two-factor/confirm` receives a first valid code.
         */
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
                    content: {
                        "application/json": {
                            /** @description The shared secret (base32), for typing in by hand. */
                            secret: string;
                            /** @description The `otpauth://totp/…` URI. */
                            uri: string;
                            /** @description The QR code of the URI, an SVG `data:` URL. */
                            qrCode: string;
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
        /** Remove the caller's second factor (needs a valid code; refused while policy requires one) */
        delete: {
            parameters: {
                query?: {
                    /** @description A six-digit code of the authenticator app, or one of the recovery codes. */
                    code?: string;
                };
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
    "/v1/me/two-factor/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the enrolment with a first valid code; answers the ten recovery codes, shown once */
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
                        /** @description A six-digit code of the authenticator app, or one of the recovery codes. */
                        code: string;
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
                            recoveryCodes: string[];
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
    "/v1/me/two-factor/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the recovery codes (the old ones stop working); needs a valid code */
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
                        /** @description A six-digit code of the authenticator app, or one of the recovery codes. */
                        code: string;
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
                            recoveryCodes: string[];
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
    "/v1/users/{user}/two-factor": {
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
         * Reset a user's second factor (ends the user's sessions)
         * @description For a user who lost their authenticator and recovery codes: the factor and the codes are removed and every session of the user ends; if policy requires a second factor, the next sign-in enrols a new one. Needs `user:manage` at the home organization and, as for passwords, every permission the user holds (or `user:takeover`).
         *
         *     Requires `user:manage` at the home organization.
         */
        delete: {
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
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's sessions (signed-in browsers and token sign-ins) */
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
                                createdAt: string;
                                expiresAt: string;
                                current: boolean;
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of the caller’s sessions */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the session.
                     * @example q1w2e3
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
    "/v1/settings/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sign-in settings: the permission sign-in needs, and whether everyone needs a second factor
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            signInPermission: string | null;
                            requireTwoFactor: boolean;
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
         * Change the sign-in settings
         * @description `signInPermission`: a permission key users must hold (at some organization) to sign in (WSO2’s `/permission/admin/login`), or null. `requireTwoFactor`: every user needs a second factor, except holders of a role flagged `exemptFromTwoFactor`.
         *
         *     Requires `settings:manage` at the home organization.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        signInPermission?: string | null;
                        requireTwoFactor?: boolean;
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
                            signInPermission: string | null;
                            requireTwoFactor: boolean;
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
    "/v1/me/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the caller may do, and where
         * @description The organizations, projects and resources where the caller holds roles (and the projects they may see), each role with how it reaches them (directly, through a group, or given to everyone) explained in words, the permissions held at each place (the decision engine answers them), and the console pages that follow. Any signed-in user may ask about themselves; it needs no permission.
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
                            user: {
                                id: string;
                                name: string;
                            };
                            home: {
                                id: string;
                                name: string;
                                /** @description The permissions held here, by key. */
                                permissions: string[];
                            };
                            organizations: {
                                id: string;
                                name: string;
                                /** @description The permissions held here, by key. */
                                permissions: string[];
                                /** @description Whether the caller may see the organization itself (`organization:view`). */
                                visible: boolean;
                                /** @description The console pages usable while working in this organization. */
                                pages: ("my-access" | "organizations" | "users" | "user-stores" | "groups" | "roles" | "role-memberships" | "project-access" | "resources" | "invitations" | "scopes" | "access-checker" | "audit-log" | "approvals" | "security" | "outbox")[];
                            }[];
                            projects: {
                                id: string;
                                name: string;
                                path: string;
                                organization: {
                                    id: string;
                                    name: string;
                                };
                                /** @description The permissions held here, by key. */
                                permissions: string[];
                            }[];
                            resources: {
                                id: string;
                                name: string;
                                type: string;
                                path: string;
                                organization: {
                                    id: string;
                                    name: string;
                                };
                                /** @description The permissions held here, by key. */
                                permissions: string[];
                            }[];
                            roles: {
                                mapping: string;
                                role: {
                                    id: string;
                                    name: string;
                                    description: string | null;
                                };
                                target: {
                                    level: string;
                                    id: string;
                                    name: string;
                                    type: string;
                                };
                                /** @description How the role reaches the caller: given directly, through a group, or to every signed-in user. */
                                reach: "direct" | "group" | "everyone";
                                group: {
                                    id: string;
                                    name: string;
                                } | null;
                                notBefore: string | null;
                                expiresAt: string | null;
                                /** @description Whether it counts now (time-limited mappings). */
                                active: boolean;
                                /** @description The role, how it reaches the caller and where, in words. */
                                explanation: string;
                            }[];
                            /** @description The console pages usable in at least one organization, or with none chosen. */
                            pages: ("my-access" | "organizations" | "users" | "user-stores" | "groups" | "roles" | "role-memberships" | "project-access" | "resources" | "invitations" | "scopes" | "access-checker" | "audit-log" | "approvals" | "security" | "outbox")[];
                            /** @description The permission each operation on a resource needs, per type the preset names (settings.resourceTypes: Akana's api:modify), so a client offers only what the caller may do. */
                            resourceTypes: {
                                /** @description What every operation on a resource of a type not named below needs. */
                                default: string;
                                types: {
                                    [key: string]: {
                                        create: string;
                                        edit: string;
                                        delete: string;
                                        manageAdministrators: string;
                                    };
                                };
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
        put?: never;
        post?: never;
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
                            items: {
                                id: string;
                                name: string;
                                parent: string | null;
                                requireTwoFactor: boolean;
                                adminRole: string | null;
                                /** @description The number of projects directly in the organization. */
                                projects: number;
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
         * @description Name the `project` (its organization is implied) or the `organization`; when both are given the project must be in the organization. Where publishing APIs needs approval, a public API is created private with a publishing request (`approval`; docs/approvals.md).
         *
         *     Requires `resource:manage` at the project (or the organization, for a resource directly in it); a type the preset names needs its own create permission instead (settings.resourceTypes: Akana's api:create).
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
                        /** @description Allow the anonymous guest its anonymous-gated permissions here. Default: false. */
                        anonymousAccess?: boolean;
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
                            approval?: components["schemas"]["def-3"];
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
                            /** @description Whether the anonymous guest's grants of anonymous-gated permissions (Akana's `api:test`) count on it. Default: false. */
                            anonymousAccess: boolean;
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
         *     Requires `resource:manage` at the resource; a type the preset names needs its own delete permission instead (settings.resourceTypes: Akana's api:delete).
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
         * Rename a resource, make it private or public, or allow or refuse anonymous access
         * @description Requires `resource:manage` at the resource; a type the preset names needs its own edit permission instead (settings.resourceTypes: Akana's api:modify).
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
                        anonymousAccess?: boolean;
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
                /** @description Making a private API public where publishing needs approval: a publishing request was made instead (docs/approvals.md). */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            resource: components["schemas"]["def-2"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                            approval: components["schemas"]["def-3"];
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
    "/v1/resources/{resource}/administrators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a resource's administrators
         * @description The subjects holding the type's administrator role (Akana: API Administrator) on the resource itself.
         *
         *     Requires `resource:view` at the resource.
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The type's administrator role. */
                            role: {
                                id: string;
                                name: string;
                            };
                            /** @description The mappings on the resource itself that make their subjects its administrators. */
                            administrators: components["schemas"]["def-4"][];
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
        /**
         * Add an administrator to a resource
         * @description Maps the type's administrator role to the user on the resource. The caller must also be able to grant that role there (no escalation). To invite someone by email instead, `POST /v1/invitations` with the role and the resource takes the same permission.
         *
         *     Requires `resource:manage` at the resource: the type's admin-management permission there (settings.resourceTypes: Akana's api:admins:manage, which counts only from a mapping on the API itself); resource:manage for a type the preset does not name.
         */
        post: {
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
            requestBody: {
                content: {
                    "application/json": {
                        user: string;
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
                            mapping: components["schemas"]["def-4"];
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
    "/v1/resources/{resource}/administrators/{user}": {
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
         * Remove an administrator from a resource
         * @description Removes the user's administrator mappings on the resource. The last administrator of a resource cannot be removed (`last-resource-admin`, 409): add another first.
         *
         *     Requires `resource:manage` at the resource: the type's admin-management permission there (settings.resourceTypes: Akana's api:admins:manage, which counts only from a mapping on the API itself); resource:manage for a type the preset does not name.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the resource.
                     * @example 0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17
                     */
                    resource: string;
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
                            items: {
                                id: string;
                                username: string;
                                store: string;
                                email: string | null;
                                status: "active" | "invited" | "disabled";
                                /** @description The number of groups the user is a member of. */
                                groups: number;
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
                            user: components["schemas"]["def-5"];
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
                            user: components["schemas"]["def-5"];
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
                                group: components["schemas"]["def-6"];
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
                                /** @description The number of the group's members. */
                                members: number;
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
                     * @description The group: its id, or `ORGANIZATION/NAME` (its `/` sent as `%2F`).
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
                     * @description The group: its id, or `ORGANIZATION/NAME` (its `/` sent as `%2F`).
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
                     * @description The group: its id, or `ORGANIZATION/NAME` (its `/` sent as `%2F`).
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
                     * @description The group: its id, or `ORGANIZATION/NAME` (its `/` sent as `%2F`).
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
                     * @description The group: its id, or `ORGANIZATION/NAME` (its `/` sent as `%2F`).
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
                     * @description The group: its id, or `ORGANIZATION/NAME` (its `/` sent as `%2F`).
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
                            items: components["schemas"]["def-7"][];
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
         * @description Send either `group` (an invitation to join it: needs `user:invite` at its organization, and the caller must be able to grant every role of the group) or `role` and `resource` (needs `user:invite` and `role:assign` on the resource, and the caller must be able to grant the role there; for the resource type's administrator role, Akana's API Administrator, the type's admin-management permission on the resource instead, `api:admins:manage`). The answer holds the token and the accept link, once; only the token's hash is stored. The link is also mailed to the email (SMTP, or the development outbox): the invitation exists whatever the mail server says, and `delivery` reports what became of the message (`failed` with the reason; audited as `mail.failed`). `POST /v1/invitations/{id}/resend` mails it again with a new link.
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
                        /** @description The group: its id or `ORGANIZATION/NAME`. */
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
                            invitation: components["schemas"]["def-7"];
                            token: string;
                            acceptUrl: string;
                            delivery: components["schemas"]["def-8"];
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
                            invitation: components["schemas"]["def-7"];
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
                            user: components["schemas"]["def-5"];
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
         * List roles (those usable in an organization: the root roles, its own and those of the organizations above it)
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
                            role: components["schemas"]["def-9"];
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
                            role: components["schemas"]["def-9"];
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
                            items: components["schemas"]["def-10"][];
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
                            /** @description The anonymous guest holds it on a resource only where the resource allows anonymous access. */
                            anonymousGated: boolean;
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
                        anonymousGated?: boolean;
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
                            permission: components["schemas"]["def-10"];
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
                            permission: components["schemas"]["def-10"];
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
                            items: components["schemas"]["def-11"][];
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
                            scope: components["schemas"]["def-11"];
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
                            scope: components["schemas"]["def-11"];
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
                            items: components["schemas"]["def-4"][];
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
         * @description The role must be assignable, not deprecated and usable in the target's organization; the caller must hold every permission the mapping would grant there, or `role:escalate`. A group subject is its id or `ORGANIZATION/NAME`. A mapping whose role can grant nothing at its level is made, with a warning.
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
                            /** @description The group: its id or `ORGANIZATION/NAME`. */
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
                        /**
                         * Format: date-time
                         * @description The mapping counts from this instant (inclusive).
                         */
                        notBefore?: string;
                        /**
                         * Format: date-time
                         * @description The mapping stops counting at this instant (exclusive).
                         */
                        expiresAt?: string;
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
                            mapping: components["schemas"]["def-4"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                            /** @description Why the mapping may not do what was meant: its role can grant nothing at its level. */
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
                                /** @description The group: its id or `ORGANIZATION/NAME`. */
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
                            /**
                             * Format: date-time
                             * @description The mapping counts from this instant (inclusive).
                             */
                            notBefore?: string;
                            /**
                             * Format: date-time
                             * @description The mapping stops counting at this instant (exclusive).
                             */
                            expiresAt?: string;
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
                            added: components["schemas"]["def-4"][];
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
                            /** @description Counts from this instant (inclusive), ISO 8601. */
                            notBefore?: string;
                            /** @description Stops counting at this instant (exclusive), ISO 8601. */
                            expiresAt?: string;
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
    "/v1/constraints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List separation-of-duties constraints
         * @description `organization` keeps the constraints that hold there: its own, those of the organizations above it, and the installation-wide ones.
         *
         *     Requires `role:view` at the organization given (the home organization when none).
         */
        get: {
            parameters: {
                query?: {
                    organization?: string;
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
        /**
         * Keep two roles apart (static: never held together; dynamic: never used in one session)
         * @description A static constraint is refused (409 `sod-conflict`) when a user already holds both roles; once made, every write that would give one user both roles, through any path, is refused the same way. Without `organization` it holds installation-wide.
         *
         *     Requires `role:manage` at the organization given (the home organization when none).
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
                        kind: "static" | "dynamic";
                        roles: string[];
                        organization?: string;
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
                            constraint: components["schemas"]["def-12"];
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
    "/v1/constraints/{id}": {
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
         * Delete a separation-of-duties constraint
         * @description Requires `role:manage` at the constraint's organization (the home organization for an installation-wide one).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the constraint.
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
    "/v1/elevations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Elevation requests: the caller's own, and those the caller may approve */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "approved" | "rejected" | "self-granted";
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
                            items: components["schemas"]["def-13"][];
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
         * Ask for a role at a target for a bounded time, with a reason (break glass)
         * @description Without `emergency`, the request waits for a holder of `role:approve-elevation` at the target. With `emergency: true`, it is granted at once when the role's elevation policy allows self-granting (403 `self-grant-not-allowed` otherwise), and flagged: audit action `elevation.self-granted`, metric `tessera_elevations_self_granted_total`, a warning in the log. The grant is a mapping that expires after `durationMinutes`; separation-of-duties constraints hold as for any mapping.
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
                        target: {
                            type: string;
                            id: string;
                        };
                        durationMinutes: number;
                        reason: string;
                        emergency?: boolean;
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
                            elevation: components["schemas"]["def-13"];
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
    "/v1/elevations/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve an elevation request: the role is granted until the requested duration has passed
         * @description Requires `role:approve-elevation` at the target; the requester cannot approve their own request (403). The duration runs from the approval.
         *
         *     Requires `role:approve-elevation` at the elevation's target.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the elevation request.
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
                            elevation: components["schemas"]["def-13"];
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
    "/v1/elevations/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject an elevation request
         * @description Requires `role:approve-elevation` at the elevation's target.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the elevation request.
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
                            elevation: components["schemas"]["def-13"];
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
    "/v1/elevation-policies/{role}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A role's elevation policy
         * @description Requires `role:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
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
                            selfGrant: boolean;
                            maxMinutes: number;
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
         * Whether a role may be self-granted in an emergency, and for how long at most it may be asked
         * @description Without a policy a role may be asked for at most 480 minutes and never self-granted.
         *
         *     Requires `role:manage` at the home organization.
         */
        put: {
            parameters: {
                query?: never;
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
            requestBody: {
                content: {
                    "application/json": {
                        selfGrant: boolean;
                        maxMinutes?: number;
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
                            role: {
                                id: string;
                                name: string;
                            };
                            selfGrant: boolean;
                            maxMinutes: number;
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
                            userStore: components["schemas"]["def-14"];
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
                            userStore: components["schemas"]["def-14"];
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
    "/v1/installation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Which preset the database holds, and the home organization
         * @description The preset is the one the first start loaded (`--preset` at a later start must name the same one, or the start is refused). Any signed-in user may read it.
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
                            /** @description Null for a database whose first start recorded none. */
                            preset: string | null;
                            home: {
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
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ldap-stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the LDAP user stores, with their last synchronisation and directory health
         * @description Requires `user:view` at the home organization.
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
                            items: {
                                name: string;
                                url: string;
                                bindDn: string;
                                userBaseDn: string;
                                groupBaseDn: string;
                                userFilter: string;
                                groupFilter: string;
                                attributes: {
                                    username: string;
                                    email: string;
                                    groupName: string;
                                    member: string;
                                };
                                /** @description The id of the organization the directory's groups live in. */
                                organization: string;
                                syncIntervalSeconds: number;
                                timeoutMs: number;
                                lastSync: {
                                    at: string;
                                    ok: boolean;
                                    trigger: string;
                                    durationMs: number;
                                    revision: number | null;
                                    summary: {
                                        usersAdded: number;
                                        usersUpdated: number;
                                        usersDisabled: number;
                                        groupsAdded: number;
                                        membershipsAdded: number;
                                        membershipsRemoved: number;
                                        directoryUsers: number;
                                        directoryGroups: number;
                                    } | null;
                                    error: {
                                        type: string;
                                        detail: string;
                                    } | null;
                                } | null;
                                directory: {
                                    status: "connected" | "unavailable" | "unknown";
                                    since: string | null;
                                    lastError: string | null;
                                };
                                /** @description False: Tessera's changes of the store's users and groups are written to the directory first. */
                                readOnly: boolean;
                                write: {
                                    userBaseDn: string;
                                    groupBaseDn: string;
                                    userObjectClasses: string[];
                                    groupObjectClasses: string[];
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
        put?: never;
        /**
         * Add an LDAP user store (read-only, or read-write), then synchronise it
         * @description The directory is tested first: a refused bind (422 `directory-credentials`), an unreachable directory (503 `directory-unavailable`), a base DN or filter it refuses (422 `directory-invalid`) or a user filter matching nobody (422 `directory-no-match`) writes nothing. The directory's groups live in `organization` (default: the home organization).
         *
         *     Requires `settings:manage` at the home organization.
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
                        description?: string | null;
                        /** @description Its id or name. */
                        organization?: string;
                        /** @description Default true. False: users, groups and memberships changed in Tessera are written to the directory first (the bind DN needs write rights). */
                        readOnly?: boolean;
                        write?: {
                            /** @description Where new users are written. Default: the user base DN. */
                            userBaseDn?: string;
                            /** @description Where new groups are written. Default: the group base DN. */
                            groupBaseDn?: string;
                            /** @description Default `["inetOrgPerson"]`. */
                            userObjectClasses?: string[];
                            /** @description Default `["groupOfNames"]`. */
                            groupObjectClasses?: string[];
                        };
                        /** @description `ldap://host:389` or `ldaps://host:636`. */
                        url: string;
                        /** @description The service account Tessera searches the directory with. */
                        bindDn: string;
                        /** @description Stored encrypted (docs/user-stores.md#the-bind-secret); never answered. */
                        bindPassword: string;
                        userBaseDn: string;
                        /** @description Default: the user base DN. */
                        groupBaseDn?: string;
                        /** @description Default `(objectClass=inetOrgPerson)`. */
                        userFilter?: string;
                        /** @description Default `(objectClass=groupOfNames)`. */
                        groupFilter?: string;
                        attributes?: {
                            /** @description Default `uid` (Active Directory: `sAMAccountName`). */
                            username?: string;
                            /** @description Default `mail`. */
                            email?: string;
                            /** @description Default `cn`. */
                            groupName?: string;
                            /** @description Default `member` (DNs); `memberUid` (usernames) for posixGroup. */
                            member?: string;
                        };
                        /** @description How often the directory is synchronised. Default 300. */
                        syncIntervalSeconds?: number;
                        /** @description Default 5000. */
                        timeoutMs?: number;
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
                            ldapStore: {
                                name: string;
                                url: string;
                                bindDn: string;
                                userBaseDn: string;
                                groupBaseDn: string;
                                userFilter: string;
                                groupFilter: string;
                                attributes: {
                                    username: string;
                                    email: string;
                                    groupName: string;
                                    member: string;
                                };
                                /** @description The id of the organization the directory's groups live in. */
                                organization: string;
                                syncIntervalSeconds: number;
                                timeoutMs: number;
                                lastSync: {
                                    at: string;
                                    ok: boolean;
                                    trigger: string;
                                    durationMs: number;
                                    revision: number | null;
                                    summary: {
                                        usersAdded: number;
                                        usersUpdated: number;
                                        usersDisabled: number;
                                        groupsAdded: number;
                                        membershipsAdded: number;
                                        membershipsRemoved: number;
                                        directoryUsers: number;
                                        directoryGroups: number;
                                    } | null;
                                    error: {
                                        type: string;
                                        detail: string;
                                    } | null;
                                } | null;
                                directory: {
                                    status: "connected" | "unavailable" | "unknown";
                                    since: string | null;
                                    lastError: string | null;
                                };
                                /** @description False: Tessera's changes of the store's users and groups are written to the directory first. */
                                readOnly: boolean;
                                write: {
                                    userBaseDn: string;
                                    groupBaseDn: string;
                                    userObjectClasses: string[];
                                    groupObjectClasses: string[];
                                };
                            };
                            sync: {
                                at: string;
                                ok: boolean;
                                trigger: string;
                                durationMs: number;
                                revision: number | null;
                                summary: {
                                    usersAdded: number;
                                    usersUpdated: number;
                                    usersDisabled: number;
                                    groupsAdded: number;
                                    membershipsAdded: number;
                                    membershipsRemoved: number;
                                    directoryUsers: number;
                                    directoryGroups: number;
                                } | null;
                                error: {
                                    type: string;
                                    detail: string;
                                } | null;
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
                /** @description RFC 9457 problem details. */
                "5XX": {
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
    "/v1/ldap-stores/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a directory before adding it: bind, and count what the filters match
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
                        /** @description `ldap://host:389` or `ldaps://host:636`. */
                        url: string;
                        /** @description The service account Tessera searches the directory with. */
                        bindDn: string;
                        /** @description Stored encrypted (docs/user-stores.md#the-bind-secret); never answered. */
                        bindPassword: string;
                        userBaseDn: string;
                        /** @description Default: the user base DN. */
                        groupBaseDn?: string;
                        /** @description Default `(objectClass=inetOrgPerson)`. */
                        userFilter?: string;
                        /** @description Default `(objectClass=groupOfNames)`. */
                        groupFilter?: string;
                        attributes?: {
                            /** @description Default `uid` (Active Directory: `sAMAccountName`). */
                            username?: string;
                            /** @description Default `mail`. */
                            email?: string;
                            /** @description Default `cn`. */
                            groupName?: string;
                            /** @description Default `member` (DNs); `memberUid` (usernames) for posixGroup. */
                            member?: string;
                        };
                        /** @description How often the directory is synchronised. Default 300. */
                        syncIntervalSeconds?: number;
                        /** @description Default 5000. */
                        timeoutMs?: number;
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
                            /** @enum {boolean} */
                            ok: true;
                            /** @description Users the user filter matches. */
                            users: number;
                            /** @description Groups the group filter matches. */
                            groups: number;
                            ms: number;
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
                /** @description RFC 9457 problem details. */
                "5XX": {
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
    "/v1/ldap-stores/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an LDAP user store's settings (never its bind secret)
         * @description Requires `user:view` at the home organization.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The name of the LDAP user store.
                     * @example CORP-LDAP
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
                            name: string;
                            url: string;
                            bindDn: string;
                            userBaseDn: string;
                            groupBaseDn: string;
                            userFilter: string;
                            groupFilter: string;
                            attributes: {
                                username: string;
                                email: string;
                                groupName: string;
                                member: string;
                            };
                            /** @description The id of the organization the directory's groups live in. */
                            organization: string;
                            syncIntervalSeconds: number;
                            timeoutMs: number;
                            lastSync: {
                                at: string;
                                ok: boolean;
                                trigger: string;
                                durationMs: number;
                                revision: number | null;
                                summary: {
                                    usersAdded: number;
                                    usersUpdated: number;
                                    usersDisabled: number;
                                    groupsAdded: number;
                                    membershipsAdded: number;
                                    membershipsRemoved: number;
                                    directoryUsers: number;
                                    directoryGroups: number;
                                } | null;
                                error: {
                                    type: string;
                                    detail: string;
                                } | null;
                            } | null;
                            directory: {
                                status: "connected" | "unavailable" | "unknown";
                                since: string | null;
                                lastError: string | null;
                            };
                            /** @description False: Tessera's changes of the store's users and groups are written to the directory first. */
                            readOnly: boolean;
                            write: {
                                userBaseDn: string;
                                groupBaseDn: string;
                                userObjectClasses: string[];
                                groupObjectClasses: string[];
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
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an LDAP user store's settings, or switch it between read-only and read-write; tested before they are saved
         * @description The directory is tested with the new settings first (as when a store is added): a refusal changes nothing. `readOnly: false` makes the store read-write: its write settings (`write`, or those it has) are validated as when a store is added (bases within the search bases: 400 `validation`), and the store's users, groups and memberships may then be changed in Tessera, each change written to the directory first. `readOnly: true` makes it read-only again (409 `read-only-store` for such changes); its write settings are kept for a later switch back. The switch is audited (`userStore.update`).
         *
         *     Requires `settings:manage` at the home organization.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The name of the LDAP user store.
                     * @example CORP-LDAP
                     */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description `ldap://host:389` or `ldaps://host:636`. */
                        url?: string;
                        /** @description The service account Tessera searches the directory with. */
                        bindDn?: string;
                        /** @description Stored encrypted (docs/user-stores.md#the-bind-secret); never answered. */
                        bindPassword?: string;
                        userBaseDn?: string;
                        /** @description Default: the user base DN. */
                        groupBaseDn?: string;
                        /** @description Default `(objectClass=inetOrgPerson)`. */
                        userFilter?: string;
                        /** @description Default `(objectClass=groupOfNames)`. */
                        groupFilter?: string;
                        attributes?: {
                            /** @description Default `uid` (Active Directory: `sAMAccountName`). */
                            username?: string;
                            /** @description Default `mail`. */
                            email?: string;
                            /** @description Default `cn`. */
                            groupName?: string;
                            /** @description Default `member` (DNs); `memberUid` (usernames) for posixGroup. */
                            member?: string;
                        };
                        /** @description How often the directory is synchronised. Default 300. */
                        syncIntervalSeconds?: number;
                        /** @description Default 5000. */
                        timeoutMs?: number;
                        /** @description False: read-write (the store's changes are written to the directory first; the bind DN needs write rights). True: read-only. */
                        readOnly?: boolean;
                        write?: {
                            /** @description Where new users are written. Default: the user base DN. */
                            userBaseDn?: string;
                            /** @description Where new groups are written. Default: the group base DN. */
                            groupBaseDn?: string;
                            /** @description Default `["inetOrgPerson"]`. */
                            userObjectClasses?: string[];
                            /** @description Default `["groupOfNames"]`. */
                            groupObjectClasses?: string[];
                        };
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
                            name: string;
                            url: string;
                            bindDn: string;
                            userBaseDn: string;
                            groupBaseDn: string;
                            userFilter: string;
                            groupFilter: string;
                            attributes: {
                                username: string;
                                email: string;
                                groupName: string;
                                member: string;
                            };
                            /** @description The id of the organization the directory's groups live in. */
                            organization: string;
                            syncIntervalSeconds: number;
                            timeoutMs: number;
                            lastSync: {
                                at: string;
                                ok: boolean;
                                trigger: string;
                                durationMs: number;
                                revision: number | null;
                                summary: {
                                    usersAdded: number;
                                    usersUpdated: number;
                                    usersDisabled: number;
                                    groupsAdded: number;
                                    membershipsAdded: number;
                                    membershipsRemoved: number;
                                    directoryUsers: number;
                                    directoryGroups: number;
                                } | null;
                                error: {
                                    type: string;
                                    detail: string;
                                } | null;
                            } | null;
                            directory: {
                                status: "connected" | "unavailable" | "unknown";
                                since: string | null;
                                lastError: string | null;
                            };
                            /** @description False: Tessera's changes of the store's users and groups are written to the directory first. */
                            readOnly: boolean;
                            write: {
                                userBaseDn: string;
                                groupBaseDn: string;
                                userObjectClasses: string[];
                                groupObjectClasses: string[];
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
                /** @description RFC 9457 problem details. */
                "5XX": {
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
    "/v1/ldap-stores/{name}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test an LDAP user store's connection: bind, and count what the filters match
         * @description Requires `settings:manage` at the home organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The name of the LDAP user store.
                     * @example CORP-LDAP
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
                            /** @enum {boolean} */
                            ok: true;
                            /** @description Users the user filter matches. */
                            users: number;
                            /** @description Groups the group filter matches. */
                            groups: number;
                            ms: number;
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
                /** @description RFC 9457 problem details. */
                "5XX": {
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
    "/v1/ldap-stores/{name}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Synchronise an LDAP user store now
         * @description Makes the store's users, groups and memberships what the directory holds, in one audited write (`userStore.sync`). A directory that cannot be read, or a user filter that now matches nobody, changes nothing.
         *
         *     Requires `settings:manage` at the home organization.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The name of the LDAP user store.
                     * @example CORP-LDAP
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
                            at: string;
                            ok: boolean;
                            trigger: string;
                            durationMs: number;
                            revision: number | null;
                            summary: {
                                usersAdded: number;
                                usersUpdated: number;
                                usersDisabled: number;
                                groupsAdded: number;
                                membershipsAdded: number;
                                membershipsRemoved: number;
                                directoryUsers: number;
                                directoryGroups: number;
                            } | null;
                            error: {
                                type: string;
                                detail: string;
                            } | null;
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
                /** @description RFC 9457 problem details. */
                "5XX": {
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
    "/v1/ldap-stores/{name}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the directory's users, page by page
         * @description Requires `user:view` at the home organization.
         */
        get: {
            parameters: {
                query: {
                    /** @description Part of a username or email (users), of a name (groups). */
                    search?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The name of the LDAP user store.
                     * @example CORP-LDAP
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
                            items: {
                                dn: string;
                                username: string;
                                email: string | null;
                                /** @description The Tessera user id, once synchronised. */
                                user: string | null;
                            }[];
                            next: string | null;
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
                /** @description RFC 9457 problem details. */
                "5XX": {
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
    "/v1/ldap-stores/{name}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the directory's groups, page by page
         * @description Requires `user:view` at the home organization.
         */
        get: {
            parameters: {
                query: {
                    /** @description Part of a username or email (users), of a name (groups). */
                    search?: string;
                    limit: number;
                    /** @description The `next` cursor of the previous page. */
                    after?: string;
                };
                header?: never;
                path: {
                    /**
                     * @description The name of the LDAP user store.
                     * @example CORP-LDAP
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
                            items: {
                                dn: string;
                                name: string;
                                members: string[];
                                /** @description The Tessera group id, once synchronised. */
                                group: string | null;
                            }[];
                            next: string | null;
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
                /** @description RFC 9457 problem details. */
                "5XX": {
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
         * @description Each entry: who (actor), when (at), what (action, target), each record changed before and after (effects), and the revision the write produced. Filters: `actor` (a user id or name; a deleted user by raw id), `target` (`kind:key`, e.g. `group:<id>`, or a bare id of any record), `action` (exactly), `since`/`until` (ISO 8601, inclusive). Page with `before`: the previous page's `next`.
         *
         *     Requires `audit:view` at the home organization.
         */
        get: {
            parameters: {
                query: {
                    actor?: string;
                    target?: string;
                    /** @description Only this action, e.g. `group.member.add`. */
                    action?: string;
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
                            items: components["schemas"]["def-15"][];
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
                            items: components["schemas"]["def-16"][];
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
                            application: components["schemas"]["def-16"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The organization requires approval: a request was made instead (docs/approvals.md). */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approval: components["schemas"]["def-3"];
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
                            items: components["schemas"]["def-17"][];
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
                        /** @description `public`: a browser or command-line client that cannot keep a secret: it gets none, and uses the authorization code with PKCE (and refresh) only. Default `confidential`. */
                        clientType?: "confidential" | "public";
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
                            /** @description Shown once: only its hash is stored. Null for a public client. */
                            clientSecret: string | null;
                            clientType: "confidential" | "public";
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
                            items: components["schemas"]["def-18"][];
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
                            subscription: components["schemas"]["def-18"];
                            /** @description The revision of the write (docs/concepts.md). */
                            revision: number;
                        };
                    };
                };
                /** @description The organization requires approval: a request was made instead (docs/approvals.md). */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approval: components["schemas"]["def-3"];
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
                            items: components["schemas"]["def-19"][];
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
                            info: components["schemas"]["def-19"];
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
                            application: components["schemas"]["def-16"] | null;
                            subscriptions: components["schemas"]["def-18"][];
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
    "/v1/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Approval requests: those the caller may decide, or (mine=true) those the caller made
         * @description Without `mine`, lists the requests the caller may approve or reject (the flow's approver permission at the request's API or organization, and not its requester) and those the caller decided. `status=pending` is the approver's queue.
         */
        get: {
            parameters: {
                query: {
                    status?: "pending" | "approved" | "rejected";
                    /** @description Only the caller's own requests, whatever their status. */
                    mine?: boolean;
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{approval}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an approval request (its requester, its decider, or an approver) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the approval request.
                     * @example 3c9e2f4a-8b1d-4e6f-a2c7-5d0b9e1f4a83
                     */
                    approval: string;
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
                            /** @description `api-publish` (an API becomes public), `subscription` (an application subscribed to an API; Akana: an app/API contract), `application-create` (an application registered). */
                            flow: "api-publish" | "subscription" | "application-create";
                            /** @description The platform's name for the flow. */
                            title: string;
                            status: "pending" | "approved" | "rejected";
                            organization: {
                                id: string;
                                name: string | null;
                            };
                            /** @description Where the approver permission is judged: the API, or the organization (application-create). */
                            target: {
                                type: string;
                                id: string;
                                name: string | null;
                            };
                            /** @description What approving the request does, in words. */
                            summary: string;
                            requester: {
                                id: string;
                                name: string | null;
                            };
                            requestedAt: string;
                            decidedBy: {
                                id: string;
                                name: string | null;
                            } | null;
                            decidedAt: string | null;
                            reason: string | null;
                            /** @description `kind:key` of the record approving it created (`subscription:…`, `application:…`, `resource:…`). */
                            effect: string | null;
                            /** @description Whether the caller may approve or reject it now. */
                            mayDecide: boolean;
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
    "/v1/approvals/{approval}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending request: its effect is created now
         * @description Needs the flow's approver permission at the request's API (or organization, for application-create). Its requester is refused (`self-approval`, 403), whatever roles they hold; a decided request answers `approval-decided` (409).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the approval request.
                     * @example 3c9e2f4a-8b1d-4e6f-a2c7-5d0b9e1f4a83
                     */
                    approval: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
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
                            approval: components["schemas"]["def-3"];
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
    "/v1/approvals/{approval}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a pending request, with a reason: nothing takes effect
         * @description The same rules as approving: an approver, never the requester.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the approval request.
                     * @example 3c9e2f4a-8b1d-4e6f-a2c7-5d0b9e1f4a83
                     */
                    approval: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
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
                            approval: components["schemas"]["def-3"];
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
    "/v1/organizations/{organization}/approval-workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The approval flows the permission tree offers, and whether each is on for the organization
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-20"][];
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
    "/v1/organizations/{organization}/approval-workflows/{flow}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Turn an approval flow on or off for the organization and the organizations below it
         * @description Needs the flow's configure permission at the organization: `workflow:configure` (Choreo), `admin:manage:workflowadmin` (WSO2 API-M), `organization:update` (Akana). A flow the permission tree does not offer answers 404. Requests already made stay pending until decided.
         *
         *     Requires `workflow:configure` at the organization (the flow's configure permission, which each preset names).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The organization: its id or its name.
                     * @example acme
                     */
                    organization: string;
                    /**
                     * @description The flow.
                     * @example subscription
                     */
                    flow: "api-publish" | "subscription" | "application-create";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled: boolean;
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
                            items: components["schemas"]["def-20"][];
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
    "/v1/organizations/{organization}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an organization's members
         * @description The users who belong to the organization: those who accepted an invitation into it, were provisioned into it, or held anything in it. `search` matches part of the username or email, any case.
         *
         *     Requires `user:view` at the organization.
         */
        get: {
            parameters: {
                query: {
                    search?: string;
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
                            items: components["schemas"]["def-21"][];
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
         * Invite a person into the organization by email
         * @description An invitation into the organization itself, with no group or role: accepting it makes the person a member. The answer holds the token and the accept link, once; only the token's hash is stored.
         *
         *     Requires `user:invite` at the organization.
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
                        /** Format: email */
                        email: string;
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
                            invitation: {
                                id: string;
                                email: string;
                                organization: string;
                                createdAt: string;
                                expiresAt: string;
                            };
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
    "/v1/organizations/{organization}/members/{user}": {
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
         * Remove a member from the organization, with their groups and roles in it
         * @description In one write: the member leaves the organization's groups, and the roles mapped to them at the organization, its projects and its resources go. Refused (`last-admin`) when it would leave the organization without an active admin. The user itself stays.
         *
         *     Requires `user:manage` at the organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The organization: its id or its name.
                     * @example acme
                     */
                    organization: string;
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
    "/v1/scim-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List SCIM provisioning tokens (an organization's, or those without one)
         * @description Requires `user:manage` at the token's organization (with group:manage there), or the home organization for a token without one.
         */
        get: {
            parameters: {
                query?: {
                    organization?: string;
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
                            items: components["schemas"]["def-22"][];
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
         * Create a SCIM provisioning token (shown once)
         * @description An identity provider provisions users and groups at `/scim/v2` with it (docs/scim.md). With `organization`, it provisions that organization's groups, and the users it creates become members of it; without, users only. Users live in `store` (PRIMARY). The token acts with at most the rights of its creator.
         *
         *     Requires `user:manage` at the token's organization (with group:manage there), or the home organization for a token without one.
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
                        organization?: string;
                        store?: string;
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
                            token: components["schemas"]["def-22"];
                            /** @description Shown once. */
                            secret: string;
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
    "/v1/scim-tokens/{id}": {
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
         * Revoke a SCIM provisioning token (at once, on every server)
         * @description Requires `user:manage` at the token's organization (with group:manage there), or the home organization for a token without one.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The id of the SCIM token.
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
                            token: components["schemas"]["def-22"];
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
    "/v1/oauth/clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An OAuth client as the consent screen shows it: its application and organization */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The client id.
                     * @example x1y2z3
                     */
                    clientId: string;
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
                            clientId: string;
                            application: {
                                id: string;
                                name: string;
                                organization: string;
                            };
                            public: boolean;
                            firstParty: boolean;
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
    "/v1/oauth/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The consent screen's decision: allow (remembered) or deny an authorization request
         * @description Takes the authorization request the consent screen was opened with (the query string `GET /oauth2/authorize` redirected with) and answers where to send the browser: back to the client with a code (allowed) or with `error=access_denied` (denied). The consent is remembered per user × client; a later request within the scopes consented to is not asked again.
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
                        /** @description The authorization request, as a query string. */
                        request: string;
                        decision: "allow" | "deny";
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
                            redirect: string;
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
    "/v1/oauth/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The third-party clients the caller consented to, and the scopes */
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
                                client: {
                                    clientId: string;
                                    application: {
                                        id: string;
                                        name: string;
                                        organization: string;
                                    };
                                    public: boolean;
                                    firstParty: boolean;
                                };
                                scope: string[];
                                createdAt: string;
                                updatedAt: string;
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/oauth/consents/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a consent: the client's refresh tokens for the caller stop working, and the next request asks again */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The client id.
                     * @example x1y2z3
                     */
                    clientId: string;
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
    "/v1/oauth/clients/{clientId}/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Mark a client first-party (users are not asked for consent) or third-party
         * @description Only the installation decides which clients are its own: an application owner cannot exempt their client from consent.
         *
         *     Requires `settings:manage` at the home organization.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description The client id.
                     * @example x1y2z3
                     */
                    clientId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        firstParty: boolean;
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
                            clientId: string;
                            application: {
                                id: string;
                                name: string;
                                organization: string;
                            };
                            public: boolean;
                            firstParty: boolean;
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
    "/v1/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The development outbox: the messages kept because no SMTP server is configured, newest first
         * @description Messages carry password-reset and sign-up links, which are credentials: reading them needs `user:takeover` (the super admin). `mailer` says where mail goes now: with `smtp`, new messages are sent and the outbox only keeps older ones.
         *
         *     Requires `user:takeover` at the home organization.
         */
        get: {
            parameters: {
                query: {
                    /** @description Only messages to this address (any case). */
                    to?: string;
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
                            mailer: "smtp" | "outbox";
                            items: {
                                id: string;
                                to: string;
                                from: string;
                                template: string;
                                subject: string;
                                text: string;
                                html: string;
                                createdAt: string;
                            }[];
                            next: string | null;
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
    "/v1/invitations/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a pending invitation again, with a new link
         * @description Only the hash of a token is kept, so the message carries a new token and the old link stops working. The new token is kept only once the mail server took the message: when it refuses it, the answer is 502 `mail-refused` and the old link still works. An invitation accepted, revoked or expired answers `invitation-invalid` (410).
         *
         *     Requires `user:invite` at the invitation's organization.
         */
        post: {
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
                            token: string;
                            acceptUrl: string;
                            delivery: components["schemas"]["def-8"];
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
    "/v1/organizations/{organization}/sign-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An organization's self sign-up setting
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
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            organization: string;
                            enabled: boolean;
                            /** @description The role the organization names; null: the installation's default (`defaultRole`). */
                            role: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description The installation's default sign-up role (the preset's `organizationDefaults.signUpRole`). */
                            defaultRole: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description What a new user gets at the organization: `role`, else `defaultRole`. */
                            effectiveRole: {
                                id: string;
                                name: string;
                            } | null;
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
         * Turn self sign-up on or off for an organization, and choose the role it gives
         * @description `role` (a role usable at the organization) overrides the installation's default sign-up role; null goes back to the default. The caller must be able to grant the role at the organization (no escalation, no deprecated or infrastructure roles): turning sign-up on grants it to whoever signs up. Turning it on without any role to give answers `invalid`.
         *
         *     Requires `organization:update` at the organization.
         */
        put: {
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
                        enabled: boolean;
                        role?: string | null;
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
                            organization: string;
                            enabled: boolean;
                            /** @description The role the organization names; null: the installation's default (`defaultRole`). */
                            role: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description The installation's default sign-up role (the preset's `organizationDefaults.signUpRole`). */
                            defaultRole: {
                                id: string;
                                name: string;
                            } | null;
                            /** @description What a new user gets at the organization: `role`, else `defaultRole`. */
                            effectiveRole: {
                                id: string;
                                name: string;
                            } | null;
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
    "/v1/sign-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether an organization allows self sign-up (for the sign-in page)
         * @description An unknown organization answers `enabled: false`, like one that does not allow it.
         */
        get: {
            parameters: {
                query: {
                    organization: string;
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
                            enabled: boolean;
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
         * Sign up to an organization that allows it; an email-verification link is mailed
         * @description Nothing is created until the link in the message is followed (`POST /v1/sign-up/verify`): then the user is created, active, with the organization's sign-up role there. An organization that does not allow sign-up, or does not exist, answers `sign-up-closed` (403); a username taken answers `duplicate` (409). A mail server that refuses the message answers `mail-refused` (502) and nothing is kept. Attempts are throttled per address and per email, like sign-in (429 with Retry-After).
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
                        organization: string;
                        username: string;
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            delivery: components["schemas"]["def-8"];
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
    "/v1/sign-up/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Follow an email-verification link: the user is created, active, with the sign-up role
         * @description A link works once, for 24 hours (`link-invalid`, 410, afterwards). The organization must still allow sign-up; a username taken meanwhile answers `duplicate`.
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
                            user: components["schemas"]["def-5"];
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
    "/v1/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a password-reset link by username or email: always 202
         * @description When an active account with an email and a password Tessera keeps matches (by `STORE/username`, a PRIMARY username, or an email: every account with it), a link is mailed to it. The answer is 202 either way, sent before anything is looked up. Throttled per address and per name (429 with Retry-After).
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
                        user: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
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
    "/v1/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with a password-reset link
         * @description Sets the password, ends every session of the user and revokes their personal access tokens and OAuth refresh tokens, and spends the link (and the user's other links). A link used, expired or unknown answers `link-invalid` (410) and changes nothing.
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
                        password: string;
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
         * @description Every problem of an invalid document is reported with its path, and nothing is written. `dryRun=true` plans without writing. `prune=true` also deletes what the document does not name in the organizations it declares (docs/documents.md#pruning), judged by the same rules; with `dryRun=true` the report lists it under `deleted`. Pruning takes documents up to 64 KB. Applying a document may grant anything, so it also needs `role:escalate` at the home organization.
         *
         *     Requires `settings:manage` at the home organization.
         */
        post: {
            parameters: {
                query: {
                    dryRun: boolean;
                    prune: boolean;
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
                            /** @description With `prune=true`: what the document does not name in the organizations it declares. */
                            deleted?: string[];
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
            /** @description Whether the anonymous guest's grants of anonymous-gated permissions (Akana's `api:test`) count on it. Default: false. */
            anonymousAccess: boolean;
            path: string;
        };
        /** Approval */
        "def-3": {
            id: string;
            /** @description `api-publish` (an API becomes public), `subscription` (an application subscribed to an API; Akana: an app/API contract), `application-create` (an application registered). */
            flow: "api-publish" | "subscription" | "application-create";
            /** @description The platform's name for the flow. */
            title: string;
            status: "pending" | "approved" | "rejected";
            organization: {
                id: string;
                name: string | null;
            };
            /** @description Where the approver permission is judged: the API, or the organization (application-create). */
            target: {
                type: string;
                id: string;
                name: string | null;
            };
            /** @description What approving the request does, in words. */
            summary: string;
            requester: {
                id: string;
                name: string | null;
            };
            requestedAt: string;
            decidedBy: {
                id: string;
                name: string | null;
            } | null;
            decidedAt: string | null;
            reason: string | null;
            /** @description `kind:key` of the record approving it created (`subscription:…`, `application:…`, `resource:…`). */
            effect: string | null;
            /** @description Whether the caller may approve or reject it now. */
            mayDecide: boolean;
        };
        /** Mapping */
        "def-4": {
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
            /** @description Counts from this instant (inclusive), ISO 8601. */
            notBefore?: string;
            /** @description Stops counting at this instant (exclusive), ISO 8601. */
            expiresAt?: string;
        };
        /** User */
        "def-5": {
            id: string;
            username: string;
            store: string;
            email: string | null;
            status: "active" | "invited" | "disabled";
        };
        /** Group */
        "def-6": {
            id: string;
            organization: string;
            name: string;
            store: string;
            description: string | null;
        };
        /** Invitation */
        "def-7": {
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
        /** Delivery */
        "def-8": {
            /** @description `sent`: handed to the SMTP server; `outbox`: kept in the development outbox (no SMTP configured); `failed`: refused or undeliverable (see `error`). */
            status: "sent" | "outbox" | "failed";
            /** @description The SMTP Message-ID, or the outbox message's id. */
            id: string | null;
            /** @description The mail server's answer when it failed. */
            error: string | null;
        };
        /** Role */
        "def-9": {
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
        "def-10": {
            key: string;
            description: string | null;
            levels: string[];
            visibilityGated: boolean;
            /** @description The anonymous guest holds it on a resource only where the resource allows anonymous access. */
            anonymousGated: boolean;
            parent: string | null;
            children: string[];
        };
        /** Scope */
        "def-11": {
            name: string;
            description: string | null;
            roles: {
                id: string;
                name: string;
            }[];
        };
        /** Constraint */
        "def-12": {
            id: string;
            name: string;
            kind: "static" | "dynamic";
            roles: {
                id: string;
                name: string;
            }[];
            organization: {
                id: string;
                name: string;
            } | null;
            description: string | null;
        };
        /** Elevation */
        "def-13": {
            id: string;
            requester: {
                id: string;
                name: string;
            };
            role: {
                id: string;
                name: string;
            };
            target: {
                level: string;
                id: string;
                name: string;
            };
            reason: string;
            durationMinutes: number;
            status: "pending" | "approved" | "rejected" | "self-granted";
            createdAt: string;
            decidedBy: {
                id: string;
                name: string;
            } | null;
            decidedAt: string | null;
            mapping: string | null;
            expiresAt: string | null;
        };
        /** UserStore */
        "def-14": {
            name: string;
            readOnly: boolean;
            description: string | null;
        };
        /** AuditEntry */
        "def-15": {
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
            /** @description The name of the target as it is now (`acme/web`, `PRIMARY/alice`); null when it is gone or has none. */
            targetName: string | null;
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
        "def-16": {
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
        "def-17": {
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
        "def-18": {
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
        "def-19": {
            id: string;
            name: string;
            prefix: string;
            createdAt: string;
            expiresAt: string | null;
            revokedAt: string | null;
        };
        /** ApprovalWorkflow */
        "def-20": {
            /** @description `api-publish` (an API becomes public), `subscription` (an application subscribed to an API; Akana: an app/API contract), `application-create` (an application registered). */
            flow: "api-publish" | "subscription" | "application-create";
            title: string;
            /** @description The permission that approves requests of this flow. */
            approver: string;
            /** @description The permission that turns the flow on or off. */
            configure: string;
            enabled: boolean;
            /** @description No setting at this organization: from a parent, or the default. */
            inherited: boolean;
        };
        /** OrganizationMember */
        "def-21": {
            user: {
                id: string;
                username: string;
                store: string;
                email: string | null;
                status: string;
            };
            joinedAt: string;
        };
        /** ScimToken */
        "def-22": {
            id: string;
            name: string;
            /** @description The token's first characters, to tell tokens apart. */
            prefix: string;
            organization: string | null;
            store: string;
            createdBy: string;
            createdAt: string;
            lastUsedAt: string | null;
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
