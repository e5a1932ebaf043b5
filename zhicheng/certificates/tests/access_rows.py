"""Access-matrix rows for certificates (see zhicheng/core/tests/test_access_matrix.py).

Person URLs point at a certificate (and 补换证 request) of `cast.applicant`: only the applicant sees
it — another person (`applicant2`, the unit's clerk) gets 404, anyone else 403 (not a person).
Issuer URLs point at `cast.issuer`'s organization: a 发证审核人 of another 人社部门 (`issuer2`) gets
404. 补换证 review URLs point at `cast.unit`, where `unit_admin` and the clerk act; another unit's
admin gets 404. Public URLs answer everyone. The method is checked first (`require_GET`,
`require_POST` outermost, as for accounts:photo_delete): a POST to a GET-only page is 405 for all.
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from zhicheng.conftest import FOREIGN_ROLES, NAMED_FOREIGN_ROLES, ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741
P2, U2, C, O2 = FOREIGN_ROLES
(I2,) = NAMED_FOREIGN_ROLES

# The first-login page comes before the method check, as for every page.
REFUSED = {N: 302, "*": 405}
GET_ONLY = {"POST": REFUSED}
PERSONS = {P: 200, A: 302, N: 302, "*": 403}
# The applicant's own certificate or request: any other person gets 404.
OWN = {**PERSONS, P2: 404, C: 404}
OWN_PAGE = {**OWN, **GET_ONLY}
OWN_POST = {**REFUSED, "POST": {**OWN, P: 302}}
ISSUER = {I: 200, I2: 404, A: 302, N: 302, P: 403, U: 403, "*": 404}
ISSUER_PAGE = {**ISSUER, **GET_ONLY}
ISSUER_POST = {**REFUSED, "POST": {**ISSUER, I: 302}}
NODE = {U: 200, C: 200, U2: 404, A: 302, N: 302, "*": 404}
PUBLIC = {"*": 200}
PUBLIC_GET_ONLY = {"*": 200, "POST": {"*": 405}}  # no first-login page on the public ones

ROWS: dict[str, dict[str, Any]] = {
    "certificates:mine": {**PERSONS, **GET_ONLY},
    "certificates:detail": OWN_PAGE,
    "certificates:status": OWN_PAGE,
    "certificates:download": OWN_PAGE,
    "certificates:pdf": OWN_PAGE,
    "certificates:photo": {**OWN, P: 302},  # valid: back to the list
    "certificates:share_create": OWN_POST,
    "certificates:share_revoke": OWN_POST,
    "certificates:replacement_for": OWN,
    "certificates:replacement_new": PERSONS,
    "certificates:replacement": OWN_PAGE,
    "certificates:replacement_file": OWN_PAGE,
    "certificates:verify": PUBLIC,  # a bare POST: the page asks for the file
    "certificates:shared": PUBLIC_GET_ONLY,
    "certificates:api_verify": PUBLIC_GET_ONLY,
    "certificates:api_schema": PUBLIC_GET_ONLY,
    "certificates:issuer_home": {
        I: 302,
        I2: 302,
        A: 302,
        N: 302,
        P: 403,
        U: 403,
        "*": 404,
        **GET_ONLY,
    },  # fmt: skip
    "certificates:issuer_list": ISSUER_PAGE,
    "certificates:issuer_detail": ISSUER_PAGE,
    "certificates:issuer_pdf": ISSUER_PAGE,
    "certificates:issuer_revoke": ISSUER_POST,
    "certificates:issuer_import": ISSUER,
    "certificates:issuer_import_template": ISSUER_PAGE,
    "certificates:issuer_batch": ISSUER_PAGE,
    "certificates:issuer_batch_file": ISSUER_PAGE,
    "certificates:issuer_zip": ISSUER_POST,
    "certificates:issuer_export": ISSUER_PAGE,
    "certificates:review_queue": {**NODE, **GET_ONLY},
    "certificates:review_detail": NODE,
    "certificates:review_file": {**NODE, **GET_ONLY},
}


def _certificate(cast: Any) -> Any:
    from zhicheng.certificates.models import Certificate
    from zhicheng.certificates.tests.factories import issue

    existing = Certificate.objects.filter(holder_id_number=cast.applicant.id_number).first()
    return existing or issue(cast)


def _replacement(cast: Any) -> Any:
    from zhicheng.certificates.models import ReplacementRequest
    from zhicheng.certificates.tests.factories import submit_replacement

    existing = ReplacementRequest.objects.filter(person=cast.applicant).first()
    return existing or submit_replacement(cast, _certificate(cast))


def _share(cast: Any) -> Any:
    from zhicheng.certificates import services

    certificate = _certificate(cast)
    return certificate.share_links.first() or services.share_link_create(
        certificate=certificate, purpose="入职核验", days=7, actor=cast.applicant
    )


def _issuer_id(cast: Any) -> int:
    from zhicheng.certificates.tests.factories import issuer_org

    return issuer_org(cast).pk


def _batch(cast: Any) -> Any:
    from zhicheng.certificates import exports
    from zhicheng.certificates.models import GenerationBatch

    existing = GenerationBatch.objects.filter(kind=GenerationBatch.Kind.ZIP).first()
    if existing:
        return existing
    _certificate(cast)
    from zhicheng.certificates.tests.factories import issuer_org

    batch = exports.batch_zip_start(issuer=issuer_org(cast), actor=cast.issuer)
    exports.batch_zip_build(batch_id=batch.pk)
    return batch


def _mine(name: str) -> Callable[[Any], str]:
    return lambda cast: reverse(name, args=[_certificate(cast).pk])


URLS: dict[str, Callable[[Any], str]] = {
    "certificates:detail": _mine("certificates:detail"),
    "certificates:status": _mine("certificates:status"),
    "certificates:download": _mine("certificates:download"),
    "certificates:pdf": _mine("certificates:pdf"),
    "certificates:photo": _mine("certificates:photo"),
    "certificates:share_create": _mine("certificates:share_create"),
    "certificates:replacement_for": lambda cast: reverse(
        "certificates:replacement_for", args=[_certificate(cast).pk]
    ),
    "certificates:share_revoke": lambda cast: reverse(
        "certificates:share_revoke", args=[_share(cast).pk]
    ),
    "certificates:replacement": lambda cast: reverse(
        "certificates:replacement", args=[_replacement(cast).pk]
    ),
    "certificates:replacement_file": lambda cast: reverse(
        "certificates:replacement_file",
        args=[_replacement(cast).pk, _replacement(cast).attachments.first().pk],
    ),
    "certificates:verify": lambda cast: reverse(
        "certificates:verify", args=[_certificate(cast).number]
    ),
    "certificates:shared": lambda cast: reverse("certificates:shared", args=[_share(cast).token]),
    "certificates:api_verify": lambda cast: reverse(
        "certificates:api_verify", args=[_certificate(cast).number]
    ),
    "certificates:issuer_list": lambda cast: reverse(
        "certificates:issuer_list", args=[_issuer_id(cast)]
    ),
    "certificates:issuer_detail": lambda cast: reverse(
        "certificates:issuer_detail", args=[_issuer_id(cast), _certificate(cast).pk]
    ),
    "certificates:issuer_pdf": lambda cast: reverse(
        "certificates:issuer_pdf", args=[_issuer_id(cast), _certificate(cast).pk]
    ),
    "certificates:issuer_revoke": lambda cast: reverse(
        "certificates:issuer_revoke", args=[_issuer_id(cast), _certificate(cast).pk]
    ),
    "certificates:issuer_import": lambda cast: reverse(
        "certificates:issuer_import", args=[_issuer_id(cast)]
    ),
    "certificates:issuer_import_template": lambda cast: reverse(
        "certificates:issuer_import_template", args=[_issuer_id(cast)]
    ),
    "certificates:issuer_batch": lambda cast: reverse(
        "certificates:issuer_batch", args=[_issuer_id(cast), _batch(cast).pk]
    ),
    "certificates:issuer_batch_file": lambda cast: reverse(
        "certificates:issuer_batch_file", args=[_issuer_id(cast), _batch(cast).pk]
    ),
    "certificates:issuer_zip": lambda cast: reverse(
        "certificates:issuer_zip", args=[_issuer_id(cast)]
    ),
    "certificates:issuer_export": lambda cast: reverse(
        "certificates:issuer_export", args=[_issuer_id(cast), "json"]
    ),
    "certificates:review_queue": lambda cast: reverse(
        "certificates:review_queue", args=[cast.unit.pk]
    ),
    "certificates:review_detail": lambda cast: reverse(
        "certificates:review_detail", args=[cast.unit.pk, _replacement(cast).pk]
    ),
    "certificates:review_file": lambda cast: reverse(
        "certificates:review_file",
        args=[cast.unit.pk, _replacement(cast).pk, _replacement(cast).attachments.first().pk],
    ),
}


# --- 核准结果 / 待生成证书 (issue 我的职称: 核准 → certificate) ----------------------------------
# Kept apart at the end: the rows above are being converted to the foreign-owner format in
# parallel; these are written in that format already (foreign owners named, the bare POST given).
from zhicheng.conftest import FOREIGN_ROLES  # noqa: E402

P2, U2, CL, O2 = FOREIGN_ROLES

_REFUSED = {A: 302, N: 302, P: 403, P2: 403, CL: 403, U: 403, U2: 403, O2: 404, "*": 404}
# Any: a row's "POST" entry is a dict, which the annotation of ROWS above does not foresee yet.
_RESULT_ROWS: Any = {
    # The cast's issuer acts for its own organization only: another issuer's id is a 404.
    # GET only: a bare POST is refused by the method check first.
    "certificates:issuer_results": {I: 200, **_REFUSED, "POST": {N: 302, "*": 405}},
    # POST-only; the issuer's bare POST (nothing ticked) is sent back to the list.
    "certificates:issuer_results_generate": {
        N: 302,
        O2: 405,
        "*": 405,
        "POST": {I: 302, **_REFUSED},
    },
}
ROWS.update(_RESULT_ROWS)
URLS.update(
    {
        "certificates:issuer_results": lambda cast: reverse(
            "certificates:issuer_results", args=[_issuer_id(cast)]
        ),
        "certificates:issuer_results_generate": lambda cast: reverse(
            "certificates:issuer_results_generate", args=[_issuer_id(cast)]
        ),
    }
)
