"""Views of the assignment library, split by area."""

from assignments.views.assignment import (  # noqa: F401
    adopt,
    archive,
    create,
    detail,
    edit,
    publish,
    rate,
    version_detail,
    versions,
)
from assignments.views.challenges import (  # noqa: F401
    challenge_create,
    challenge_detail,
    challenge_edit,
    challenge_list,
    challenge_respond,
    challenge_status,
)
from assignments.views.library import library, mine  # noqa: F401
from assignments.views.materials import material_add, material_download, material_remove  # noqa: F401
