"""The safeguarding screen at the door (issue 5, "Safeguarding and complaints at the door"; issue
14, §1): what someone wrote is checked, before anything else happens to it, for words about
self-harm or suicide and harm to others (routed to a human in the safer custody team), an
allegation against a member of staff (a restricted route, never published) and a complaint
(signposted to the formal process).

Recall comes first: a false alarm costs a person a minute of a safer-custody officer's reading, a
miss can cost a life (PSI 64/2011, ACCT: "any member of staff who receives information ... that a
prisoner may be at risk of harming themselves must act"). So the screen is rules over words as
people write them (insight/words.py: any case, no punctuation, text-speak, inflections and
near-miss spellings), in English and Welsh, written from the labelled set in
insight/data/screening_corpus.tsv and measured on its held-out part (insight/tests/
test_screening_corpus.py, make bench). Figurative uses ("the food is killing me", "I could murder
a brew", "dying to see my kids") are removed before the rules read the text.

Each rule says why it is there when that is not obvious from its words."""

from __future__ import annotations

import re
from functools import cache

from insight import classifier
from insight.constants import Concern
from insight.words import pattern, stems

# Who a threat or an attack is aimed at.
_TARGET = (
    "him|her|them|you|yous|ya|someone|somebody|anyone|anybody|that_guy|that_lad|the_lad|this_guy|"
    "his_face|her_face|their_face|the_next|the_first|a_screw|an_officer|the_officer|the_screw|the_guard|"
    "my_cellmate|my_pad_mate|my_padmate|my_celly|the_nonce|a_nonce|nonces|the_grass|a_grass|the_kid|"
    "one_of_them|the_guy|the_man|the_woman|officers|screws|a_guard|a_nurse|his_head|her_head|his_throat"
)
# Ways of saying someone means to do a thing.
_INTENT = (
    "going_to|go_to|will|would|want_to|want|plan_to|planning_to|about_to|gonna|got_to|have_to|need_to|"
    "try_to|might|could|swear|ready_to|wait_to|thinking_of|think_about|thought_about|wish_i_could|"
    "dream_of|end_up|urge_to|thoughts_of|thoughts_about|tempted_to|feel_like"
)
_MYSELF = "myself|my_self|me_self|ourself|ourselves|my_own_self"
_THIRD_SELF = "himself|herself|themself|themselves|hisself"
_SELF_VERBS = (
    "kill|top|end|hang|neck|off|string_up|do_in|unalive|drown|gas|shoot|poison|suffocate|strangle|hurt|harm|"
    "cut|slash|burn|starve|injure|damage|punish|stab|choke|ligature|drug|bleed|cut_up|slash_up|knife|"
    "overdose|smash_up|batter|bang_up|mutilate"
)
_HARM_VERBS = (
    "kill|murder|murda|stab|shank|shiv|chiv|knife|batter|smash|slash|glassed|bottle|scald|kettle|strangle|choke|"
    "shoot|hurt|beat|beat_up|kick_in|punch|smack|deck|knock_out|rape|bash|bang_out|spark_out|do_in|do_over|"
    "jump|rush|attack|assault|merk|duff_up|leather|scar|torch|headbutt|slap|throttle|hit|twat|stamp_on|"
    "burn|strip|stripe|wet|pipe|end|waste|break_his|break_her|smash_his|smash_her|cave_in|sort_out"
)

RULES: dict[str, tuple[str, ...]] = {
    Concern.SELF_HARM: (
        f"{_SELF_VERBS} {_MYSELF}",
        f"{_SELF_VERBS} *1 {_THIRD_SELF}",
        "do|did *1 myself *1 in",
        "do_something_stupid|do_something_silly|do_something_daft|do_summat_stupid|do_something_to_myself",
        "suicide|suicidal|suicid|sucidal|suiside|sueside|suicidle|self_harm|self_harming|self_harmed|"
        "self_injury|self_injure|self_injuring|unalive|self_cutting|sh_again",
        "end|ending|ended|take|taking|took|finish *1 my|own life|lives",
        "end|ending|ended it|everything|things|my_life *1 all|now|tonight|today|soon|for_good|forever|"
        "once_and_for_all|permanently|properly|in_here",
        "end|ending|ended|finish|finishing everything|things|it_all|it_off",
        f"{_INTENT}|thinking|thought|think|planning|plan *2 end|ending it|things|everything|this|my_life",
        "want|wanna|wanted|wanting|wants|wish|hope|going|ready|deserve|rather|prefer|gonna|plan|planning|"
        "better_to|just_want_to|longing_to *2 die|be_dead|dead|not_be_here|not_exist|disappear|never_wake_up|"
        "not_wake_up|not_be_alive|not_be_around|go_to_sleep_forever",
        "wish *3 dead|die|never_been_born|not_here|not_alive|was_gone|were_gone|be_gone|never_born",
        "better off dead|without_me|gone|not_here|not_alive",
        "no|nothing|not_any|any|nt *1 point|reason|worth *3 living|live|in_life|to_life|my_life|going_on|"
        "carrying_on|go_on|being_alive|alive|existing|being_here|waking_up|getting_up_anymore",
        "nothing|noone|no_one|nobody *1 to|worth live|living|live_for|stay_for|stay_alive_for",
        "life|my_life *3 not|no|never|aint *2 worth",
        "can_not|could_not|do_not_want_to|not_able_to go_on|carry_on|keep_going|cope|live|do_this|take_this|"
        "take_it|take_any_more|face_it|face_another|handle_it *1 anymore|any_more|much_longer|no_more|"
        "like_this|any_longer|living|with_life|with_my_life|another_day|another_night|another_year",
        "can_not|could_not go_on|carry_on|keep_going|cope !with|at|to|the|a|visits|my_course|course|association",
        "give|given|giving|gave up *2 on_life|living|on_living|on_myself|on_everything",
        "not|never *2 be|wake *1 here|around|up *1 tomorrow|much_longer|anymore|any_more|for_long|by_christmas|"
        "by_the_end|by_morning|next_week|in_the_morning|for_my_release",
        "overdose|overdosing|overdosed|oded|take_all_my|take_all_the|take_all_of|neck|necked|necking|stockpile|"
        "stockpiling|saving_up|save_up|hoard|hoarding|hoarded|saved_up|swallowed_all|swallow_all|handful_of|"
        "load_of|the_lot_of|all_my|lot_of *3 pills|tablets|meds|medication|paracetamol|painkillers|sleeping_pills",
        "overdose|overdosed|overdosing|oded",
        "swallow|swallowed|swallowing|eat|ate|eating *2 batteries|blades|razor|razors|glass|bleach|screws|"
        "a_battery|a_blade|a_razor|nails",
        "ligature|ligatures|noose|nooses",
        "tie|tied|tying|wrap|wrapped|put|rope|cord|sheet|shoelace|shoelaces|belt|wire *4 round|around "
        "my|me|his|her *1 neck|throat",
        "cut|cutting|slash|slashing|slit|slitting|carve|carving|burn|burning|cuts|slashes|scars *1 my|his|her|up"
        " *1 wrist|wrists|arm|arms|leg|legs|thigh|thighs|skin|neck|throat|body|stomach|chest|face",
        "cutting|cutting_up|cut_up|slashing|slash_up|self_cutting|harming|hurting_myself *1 again|agen|"
        "every_night|every_day|lately|recently|still|more|most_nights|at_night|in_my_cell|in_my_pad",
        "started|start|starting|keep|kept|been|going_back_to|back_to *1 cutting|cutting_up|cut_up|slashing|"
        "self_cutting|harming|hurting_myself",
        "jump|jumping|throw|throwing|hurl *1 myself *2 off|from|in|under|out",
        "jump|jumped|jumping|leap *1 off|from *1 the *1 bridge|roof|landing|railing|railings|building|netting|"
        "balcony|threes|fours",
        "step|walk|jump|run|throw|jumping|stepping *1 myself? *1 in_front|into_the_path|under *1 of? *1 a|the|"
        "oncoming *1 train|bus|car|lorry|traffic|van",
        "starve|starving|not_eat|stop_eat|stopped_eat|refuse_food|refusing_food|not_eating|stop_eating|"
        "stopped_eating *4 die|dead|death|gone|myself",
        "starve|starving *1 myself|to_death",
        "head|heads *1 in *1 noose|oven",
        "string_up|strung_up|swing_from|swinging_from|swing_off|swinging_off",
        "want|need|wish|wanted *1 it_all|everything|life|the_pain|my_life|all_of_it|the_thoughts|the_voices|it "
        "*1 to? *1 stop|end|be_over|over|go_away|be_done",
        "sleep|go_to_sleep *3 never|not *1 wake",
        "kill|hang|cut|hurt|harm|top|end|off|finish *2 my|own *1 self|life",
        "acct|act_open|on_an_act|on_acct|on_an_acct|constant_watch|constant_obs|on_obs|on_constants|act_plan "
        "*2 again|opened|open|reopened|because|cos|after|for|since|last_night|this_week",
        "opened|open|reopened|put_me_on|put_on *2 acct|an_act|an_acct|act_plan|constant_watch|constants",
        "saying|said|talking|talks|told|tells|threatening|threatened|keeps|kept|going_to|gonna *4 kill|hang|top|"
        "end|hurt|cut|harm|off|slash|do_in *1 himself|herself|themselves|themself|his_life|her_life",
        "hunanladdiad|hunanladdol|hunan_niweidio|hunan_niwed|hunan_anafu|hunananafu|hunan_laddiad|niweidio_fy_hun|"
        "niweidio_fy_hunan|anafu_fy_hun|anafu_fy_hunan|torri_fy_hun|torrin_hun|torri_fy_hunan|lladd_fy_hun|"
        "lladd_fy_hunan|ladd_fy_hun|ladd_fy_hunan|ladd_yn_hun|lladd_yn_hun",
        "lladd|ladd|nladd|crogi|grogi|nghrogi|torri|dorri|nhorri|anafu|niweidio|llosgi|boddi|foddi|brifo|frifo"
        " *1 fy|fyn|n|yn|y hun|hunan|hunain|n_hun|n_hunan",
        "lladd|ladd|nladd|crogi|grogi|niweidio|anafu|torri *1 ei|eu *1 hun|hunan|hunain",
        "eisiau|isio|isie|moyn|eisie|barod_i|wedi_cael_llond_bol|ishe|ise|wir_eisiau *2 marw|farw|gorffen_y_cyfan|"
        "rhoi_diwedd|diflannu|peidio_bod_yma|peidio_deffro|peidio_bod",
        "dod|dodi|ddod *1 âr|ar|a_r|a *1 cyfan|cwbl|cwbwl|holl_beth|cyfan_oll *1 i *1 ben",
        "rhoi|roi *1 diwedd|terfyn|pen *1 ar *1 fy|y|popeth|mywyd|bywyd *1 mywyd|bywyd|cyfan|cwbl|hun|hunan",
        "diwedd|gorffen|orffen *2 mywyd|bywyd|nyddiau",
        "dim|does_dim|nad_oes|nag_oes|sdim *3 pwynt|rheswm|werth *3 byw|fyw|mynd_ymlaen|cario_mlaen|cario_ymlaen|"
        "bod_yma|bod_yn_fyw|deffro",
        "gwell|well *3 marw|farw|heb_fi|hebdda_i|hebddo_i",
        "dymuno|hoffwn|licswn *3 marw|farw|fod_yn_farw",
        "gorddos|gorddosio|orddos|gorddosis|nhabledi_i_gyd|tabledi_i_gyd|fy_holl_dabledi|holl_dabledi",
        "methu *2 mynd_ymlaen|cario_mlaen|cario_ymlaen|byw|dal_ati|ymdopi_rhagor|ymdopi_mwy|wynebu_diwrnod",
        "torri|dorri|nhorri|anafu|llosgi|losgi *2 fy|y *1 mraich|mreichiau|nghoes|nghoesau|nghroen|arddwrn|"
        "ngarddwrn|ngarddyrnau|nghorff",
        "rhaff|tei|gwregys|cortyn|belt *3 am|o_gwmpas|rownd *2 ngwddf|ngwddw|gwddf|gwddw",
        "meddwl|meddyliau *3 lladd|ladd|marw|farw|diwedd|hunanladdiad|niweidio|anafu",
        # Slang and euphemism for suicide, and its signs: a plan, a date, goodbyes, giving things away.
        "ctb|catch_the_bus|sewer_slide|sewerslide|sewer_side|unalive|unaliving|check_out_of_life|"
        "checking_out_of_life|kill_me_off|got_a_plan_and_a_date|a_plan_and_a_date|set_a_date|picked_a_date|"
        "made_my_mind_up|mind_is_made_up|decided_to_do_it|still_going_to_do_it|go_through_with_it|"
        "goodbye_letters|goodbye_letter|letters_to_my_kids|written_letters|writing_letters_to|"
        "will_not_need_them|will_not_need_it|wont_need_them|won_t_need_them|in_a_box|body_bag|my_funeral",
        "give|gave|given|giving *1 away *2 my|all_my|everything|things|stuff",
        "might_as_well|should_just|should|deserve_to|ought_to|better_to *1 be_dead|die|just_die|not_exist|"
        "not_be_here|kill_myself",
        "bleed|bleeding|bled *1 out|to_death",
        "stuck|stick|sticking|put|putting|inserting|insert|inserted|pushed|pushing *1 a|the|things|stuff|"
        "staples|pens *1 pen|pencil|screw|staple|things|stuff? *2 in|into *1 my *1 arm|arms|wound|wounds|skin|"
        "leg|cuts",
        "and|then|before *1 then? *1 myself|me_after",
        "not|never|no_longer *2 want|wanna *1 to? *1 be_alive|live|be_here|exist|wake_up|carry_on|go_on|"
        "be_around|be_on_this_earth|see_tomorrow",
        "string|strung|stringing|tie|tied|tying *1 myself|himself|herself *1 up",
        f"{_INTENT}|gonna|go|going|keep_thinking_about|thinking_about|thought_about|picturing_myself *2 hang|"
        "hanging|tie_up|hang_up|string_up|jumping|jump_off|dying|my_death|cut_up|slash_up|ctb|overdosing "
        "!out|about|around|on|my_washing|washing|up_the_phone|up_on|up_the|up_my|up_his|up_her|with|onto|round|"
        "in_there|of_the|pictures|picture|posters",
        "cut_up|slash_up|slashing_up|cutting_up|cut_myself_up !about|over|when|that|by|the|my_food|food|his|her|"
        "their|it|veg|vegetables",
        "i|me|gonna|going_to|will|ll|want_to|need_to *1 cut|cutting|slash|slashing|burn *1 again|tonight|"
        "deeper|more|agen|every_night|last_night|today|yesterday|all_night|on_the_weekend",
        "cutting|harming|self_harming !down|back|out|off|hair|the|my_hair|corners|costs|edge|board|tool|tools|"
        "room|it_fine|his_hair|veg|bread|grass|wood|keys|class|course|shop|workshop|prices|budgets|funding|"
        "meat|onions|vegetables|cloth|fabric|paper|cake|the_grass|costs|ties",
        "cut|cuts|cutting *2 deeper|deep|to_the_bone|stitches",
        "stitches|steri_strips|steristrips|butterfly_stitches *3 arm|arms|wrist|wrists|cut|cuts|leg|legs",
        "odd|od|oded|overdosed *1 on *2 meds|pills|tablets|heroin|smack|spice|methadone|subutex|my_meds",
        "take|took|taken|swallowed|swallow|necked|neck|had *1 # *3 tablets|pills|paracetamol|meds|of_my|of_them",
        "saving|save|saved|hiding|hide|hid|stash|stashing|hoard|hoarding|collecting|collected|stockpiling|"
        "cheeking|cheeked|keeping *3 tablets|pills|meds|medication|mirtazapine|pregabalin|sertraline|diazepam|"
        "methadone|subutex|tramadol|codeine|paracetamol|quetiapine|olanzapine|zopiclone|promethazine|"
        "citalopram|painkillers|under_my_tongue",
        "stash|stockpile|load|pile|hoard *2 of *1 pills|tablets|meds|medication|painkillers",
        "drank|drink|drinking|swallowed|swallow|swallowing|drunk *3 bleach|shower_gel|cleaning|"
        "chemicals|shampoo|washing_up_liquid|spoon|spoon_handle|pen|batteries|razor|blades|glass|screws|nails|"
        "a_battery|stuff|things|objects|items|disinfectant|fairy_liquid",
        "swallowing|swallowed|swallow|cutting|cut|burning|burnt|banging|bang|hurting|hurt|punching|bleeding|"
        "starving|scratching|picking|headbanging|head_banging *5 on_purpose|deliberately|to_feel_something|"
        "so_i_feel|to_feel_better|to_cope|to_punish_myself|till_i_bleed|until_i_bleed|makes_the_pain",
        "attempt|attempts|attempted *2 my|on_my *1 life|suicide",
        "tried|try|trying *2 end_it|ending_it|end_my|did_it|kill|hang|top|hung|overdose|take_my_life|do_myself",
        "nearly|almost *1 did_it|done_it|went_through_with_it|ended_it|hanged|hung_myself|overdosed|succeeded",
        "sheet|sheets|ligature|noose|rope|cord|shoelace|laces|belt|towel *2 tied|ready_to|from_the_window|"
        "from_the_bars|to_the_bars|to_the_window|tied_up|round_my_neck|around_my_neck",
        "what|whats|what_is|what_s *2 point|use *3 living|live|in_life|going_on|carrying_on|being_alive|"
        "being_here|waking_up|of_living|of_life|anymore|any_more",
        "no_one|noone|nobody|none|no_body|nobody_would|no_one_would|not_one_person *3 miss_me|care|notice "
        "*2 if? *1 i *1 died|die|was_gone|were_gone|wasnt_here|was_dead|disappeared|killed_myself|wasn_t",
        "will|would *1 miss_me|notice *1 if *1 i *1 was|died|went",
        "do_not_think|dont_think|not_sure|doubt|dont_know_if|do_not_know_if|do_not_know_how|cant_see_how|"
        "can_not_see_how|no_idea_how *3 keep_going|go_on|carry_on|cope|survive|last|take_it|take_much_more|"
        "take_any_more|hold_on|get_through",
        "am|gonna|going_to|will|be|just|ll *1 ending|end it|this|things|everything|my_life *1 !course|class|"
        "contract|job|sentence|appeal",
        "not|never|nt *3 alive|here|around *2 much_longer|for_long|long|by|tomorrow|anymore|any_more|next_week|"
        "this_time_next",
        "can_not|do_not_want_to|not|never|no_point *1 be|stay|live|being|living *2 here|around|alive|"
        "on_this_earth *1 no_more|anymore|any_more|much_longer|any_longer|on_this_earth|in_this_world",
        "had_enough|sick|tired|done|finished|fed_up *1 of|with *1 life|living|being_alive|existing|breathing|"
        "it_all|everything|this_life",
        "had_enough *4 going_to|gonna|will|ll|do_it",
        "going_to|gonna|ll|will|still_going_to|i_m_going_to|im_going_to *1 do|doing|go_through_with *1 it|this "
        "*1 tonight|tomorrow|this_weekend|soon|when|this_time|sunday|monday|tuesday|wednesday|thursday|friday|"
        "saturday|anyway|properly|for_real",
        "be|will_be|ll_be|be_gone|gone *1 dead|gone|six_feet_under|in_the_ground *1 by|before|soon|tomorrow|"
        "tonight|next|at",
        "until|till|til|untill *1 i|he|she *1 die|dies|am_dead|m_dead|is_dead|drop_dead|starve",
        "hunger_strike|stop_eating|stopped_eating|not_eaten|no_food_or_water|stop_taking_food|refusing_food_and_water|"
        "stop_drinking|not_drinking_water|not_eating_or_drinking",
        "think|thinking|thought|keep_thinking|picturing_myself|imagine|imagining|dream|dreaming|obsessed|"
        "can_not_stop_thinking *3 hang|hanging|jumping|dying|death|cut|cutting|my_funeral|killing_myself|"
        "overdosing|suicide|the_end|being_dead|not_being_here|ending_it",
        "enough|sure|make_sure|big_enough|strong_enough *3 kill_me|finish_me|do_me_in|end_me|end_it|"
        "not_wake_up|to_die|that_i_die",
        "relapse|relapsed|urge|urges|doing|done|did|do|clean_from|clean_of|weeks_without|days_without *2 sh|"
        "self_harm|cutting|harming",
        "end|ending|take|taking|took|finish *1 his|her|their|own *1 life|own_life|lives",
        "only|one *2 way *1 out *3 box|body_bag|coffin|dead|death|die",
        "not|nt|never *1 going_on|carrying_on|go_on|carry_on !the|a|to|with|at|visits|association|holiday|about|"
        "courses|course|my|education|trips|trip|outings|in|like",
        "bang|banging|banged|headbang|headbanging|headbutting|hitting|smashing|smash|punching|punch|punched|"
        "slamming *5 wall|walls|door|doors|head|floor *4 until|till|til|on_purpose|deliberately|bleed|pass_out|"
        "knock_myself_out|break|bleeds|blood|cracked",
        "jump|jumped|jumping|leap|leaping *1 off|from *1 the|a|my *1 bridge|roof|landing|railing|railings|"
        "building|netting|balcony|threes|fours|3s|4s|2s|cliff|multi_storey|top_landing|car_park",
        "ddim|sa_i|sai|sa|dwi_ddim|dw_i_ddim|dydw_i_ddim|nid_wyf *2 eisiau|isio|moyn|eisie|ishe *2 byw|bod_yma|"
        "deffro|dihuno|bod_yn_fyw",
        "llyncu|lyncu|llyncais|llyncodd|llyncu_pethau *2 batris|batri|llafn|llafnau|rasel|gwydr|cannydd|pethau|"
        "tabledi_i_gyd|ar_bwrpas",
        "torri|dorri|nhorri|llyncu|lyncu|llosgi|losgi|crafu|grafu|bwrw|taro|curo *6 ar_bwrpas|yn_fwriadol|"
        "nes_i_fi_waedu|nes_eu_bod|tan_i_fi_waedu|gwaedu|waedu",
        "clymu|glymu|clymais|clymodd|rhwymo|clymu_r *4 ngwddf|ngwddw|gwddf|gwddw",
        "llwgu|lwgu|newynu *2 fy|fy_hun|hun|i_farwolaeth|farwolaeth",
        "farwolaeth|i_farwolaeth",
        "bywyd|fywyd|mywyd|cyfan|cwbl|cwbwl *1 i *1 ben",
        "neidio|naid|neidiaf|neidio_i_ffwrdd *2 or|o|oddi_ar *1 landin|bont|to|adeilad|rheiliau|rhwyd|pont",
        "torri|dorri *1 eto|n_ddyfnach|ddyfnach|yn_ddyfnach|bob_nos|unwaith_eto",
        "ffarwél|ffarwel|ffarwelio|llythyr_ffarwel|llythyrau_ffarwel|llythyrau_ffarwél|rhoi_popeth_i_ffwrdd",
        "neb *6 marw|farw|wedi_mynd",
        "gorffen|orffen *1 y|r *1 cwbl|cyfan|cwbwl|cyfan_oll",
        "rhoi|roi|rhoddodd *3 bethau|mhethau|pethau *2 i_ffwrdd",
        "crogi|grogi|nghrogi|chrogi !dillad|golch|llun|lluniau|y_dillad",
        "crafu|grafu|torri|dorri|llosgi|losgi|anafu *3 mreichiau|mraich|nghoesau|nghoes|nghroen|mhen|arddyrnau",
        "bwrw|taro|curo|fwrw|daro *2 mhen|fy_mhen|mhen_i|mhen_yn *4 wal|drws|llawr",
        "peidio|beidio|byth|fyth *1 deffro|dihuno|ddeffro",
    ),
    Concern.HARM_TO_OTHERS: (
        f"{_HARM_VERBS} {_TARGET}",
        f"{_INTENT} *1 kill|murder|stab|shank|batter|smash|slash|glass|strangle|shoot|hurt|beat|attack|assault|"
        "rape|burn|scald|kettle|do_in|do_over|jump|rush|bash|punch|knock_out|deck|torch|wet_up|merk|cut_up|"
        "slap|leather|twat|hit|sort_out|deal_with|end *2 "
        f"{_TARGET}|me|tonight|tomorrow|when|if|next|first|one_of|the_lot|all_of",
        "will_be|is_getting|getting|gets|get|gonna_get|are_gonna_get|is_gonna_get|going_to_get|gonna_be|"
        "is_going_to_be|will_get|ll_get|about_to_get *1 stabbed|shanked|battered|done_in|jumped|slashed|"
        "merked|wet_up|cut|cut_up|a_beating|a_kicking|a_hiding|the_kettle|kettled|sugar_water|boiling_water|"
        "hurt|killed|murdered|glassed|burnt|scalded|raped|dealt_with|sorted_out|got_at|done_in|poked|jugged|"
        "dipped|sparked|leathered|twatted|smashed|bashed|attacked|hit|striped",
        "do|did|done|doing|going_to_do *2 him|her|them|you|someone|somebody|the_lad|the_screw|that_guy|ya *1 in|"
        "over|proper|serious|damage",
        "stab|stabbed|stabbing|shank|shanked|shanking|shiv|shived|chiv|chived|slashed|slashing|glassed|"
        "kettled|scalded|scalding|striped|strangled|throttled|set_upon|set_on_by|leathered|"
        "beaten_up|beat_up|kicked_in|kicked_to|punched|smacked_up|knocked_out|sparked_out|bashed|"
        "assaulted|assault|assaults|attacked|attacks_on|attack_on|jumped_by|jumped_on_by|rushed_by|a_kicking|"
        "a_beating|a_hiding|got_beat|got_battered|battered_him|battered_her|battered_me|was_battered|"
        "got_jumped|gets_jumped|got_done_in|battering|beating_up",
        "weapon|weapons|shank|shanks|shiv|chiv|bladed_article|bladed_weapon|machete|sharpened_toothbrush|sharpened_spoon|sugar_water|"
        "hot_water_and_sugar|kettle_and_sugar|sugar_in_the_kettle|sugar_in_a_kettle|padlock_in_a_sock|"
        "lock_in_a_sock|sock_with|batteries_in_a_sock|pool_balls_in|improvised|toothbrush_with|tooth_brush_with|"
        "made_a_blade|razor_blade_melted|blade_on_him|carrying_a_blade|has_a_blade|got_a_blade|knife_on_him|"
        "carrying_a_knife|had_a_knife|pulled_a_knife|with_a_knife|knife_to_his|knife_to_my|"
        "boiling_water_and_sugar|boiling_water_over|threw_boiling_water|throw_boiling_water",
        "rape|raped|rapes|raping|rapist|sexual_assault|sexually_assaulted|sexually_abused|sexual_abuse|"
        "sexually|molest|molested|molesting|grope|groped|groping|touched_me|touching_me|touched_him|"
        "touching_him|touched_her|flashed|indecent|indecently|paedo|paedophile|wank|wanked|"
        "forced_himself|forced_me|forced_him|force_me|unwanted_touching|sexual_favours|sex_for|nudes|"
        "inappropriate_touching",
        "threaten|threatened|threatening|intimidate|intimidated|intimidating|intimidation|"
        "menacing|extort|extorted|extortion|taxed|taxing|tax_me|taxes_me|bully|bullied|bullying|bullies|"
        "pressured|pressuring|coerce|coerced|groom|groomed|grooming|exploit|exploited|exploiting|cuckoo|cuckooed|"
        "cuckooing|ransom|blackmail|blackmailed|blackmailing|mugged|stole_from_me|took_my_canteen|"
        "takes_my_canteen|taking_my_canteen|nicked_my_canteen|in_debt|debt_bondage",
        "debt|debts|owe|owed|owes|owing *5 pay|paid|hurt|kill|family|mum|kids|beat|batter|or_else|threat|"
        "double|interest|bubble|vapes|spice|burn|canteen|hold|plug|scared|fear|frightened|afraid",
        "hold|holding|carry|carrying|plug|plugging|plugged|bring_in|bringing_in|stash|stashing|hide|"
        "hiding *3 drugs|spice|phones|phone|mamba|sims|weapon|gear|parcels|packages|for_them|"
        "for_him|for_someone|for_the_lads|for_others|up_my",
        "plugging|plugged_it|plug_it|plugged_them|plug_them",
        "made|make|making|forced|force|forcing|pushed|pushing|pressured|threatened|told|telling *1 me|us|him|"
        "her|them|lads|people|others *1 to? *1 hold|carry|plug|bring|sell|deal|hide|stash|fight|attack|hurt|"
        "pay|give_up|hand_over|smuggle|run",
        "set *1 fire|light|alight|a_fire|on_fire|fire_to|them_alight|him_alight|it_alight",
        "torch|torched|torching|arson|arsonist|firebomb|petrol_bomb|burn_down|burnt_down|burned_down|"
        "burning_down|burn_out|set_alight|fire_to|on_fire|light_up_his|light_up_the",
        "burn|burned|burnt|burning|scald|scalded *1 him|her|them|his|their|the_place|the_wing|the_cell|his_cell|"
        "his_pad|the_pad|the_house|her_house|the_office",
        "kill|murder|hurt|stab|attack|batter|beat|harm|kick|punch *1 my|his|her|the|their|a *1 cellmate|"
        "padmate|pad_mate|celly|ex|girlfriend|wife|partner|missus|baby|child|kids|neighbour|victim|family|dad|"
        "brother|mum|officer|screw|governor|guard|nurse|teacher|key_worker|keyworker|probation_officer|kid|son",
        "kill|stab|murder|batter|slash|attack *1 a|an|the|some|every *1 screw|officer|guard|nonce|grass|guy|"
        "lad|man|woman|person|cellmate|one|prisoner|inmate|body",
        "fight|fights|fighting|scrap|scraps|scrapping|brawl|violence|violent|kicking_off|kicked_off *3 wing|"
        "landing|yard|servery|cell|pad|showers|gym|exercise|association",
        "fight|fighting|scrap|scrapping *1 with *1 him|me|my_cellmate|them|officers|staff|a_lad|the_lad",
        "blood|bleeding|bled|bleed *3 everywhere|all_over|on_the_floor|from_his|from_her|from_their|on_him|"
        "on_the_walls|from_his_head",
        "hit|hits|hitting|beat|beats|beating|batters|battered|hurts|slaps|punches my|his|her|the *1 partner|"
        "wife|girlfriend|missus|kids|children|child|baby|son|daughter|mum|mother",
        "hit|hits|hitting|kick|kicking|punch|punching|slap|slapping|bash|bashing|attack|attacking|stamp|stamping|"
        "headbutted|headbutt|kicked|punched|slapped *1 me|us|him|her|them|lads|people|each_other|someone|"
        "prisoners|inmates|new_lads|the_new|vulnerable|my_pad_mate|my_cellmate|my_head",
        "kill|hurt|murder|stab|batter *2 anyone|every_one|everyone|whoever|next|first|people",
        "he|she|they|someone|somebody|cellmate|lad|lads|prisoner|prisoners *3 killed|murdered|stabbed|"
        "attacked|assaulted|battered|raped|slashed|kettled|scalded|shanked|glassed",
        "kill|killing|murder|murdering|stab|stabbing|hurt|hurting|beat|beating|batter|battering *1 me",
        "lladd|ladd|nladd|trywanu|drywanu|nhrywanu|thrywanu|curo|guro|nghuro|ymosod|bwrw|fwrw|mwrw|"
        "treisio|dreisio|nhreisio|cam_drin|camdrin|taro|daro|nharo|cicio|gicio|nghicio|dyrnu|ddyrnu|colbio|"
        "golbio|ngholbio|brifo|frifo|anafu|llosgi|losgi *2 e|fe|fo|hi|nhw|ti|chi|rhywun|pawb|ef|hwnna|honna|"
        "hwn|hon|swyddog|sgriw|boi|dyn|fi|fy_nghyd|nghymydog|nghymar",
        "trywanu|drywanu|nhrywanu|thrywanu|trywanwyd|ymosod|ymosododd|ymosodiad|ymosodwyd|ymosodiadau|treisio|"
        "dreisio|nhreisio|treisiwyd|cam_drin|camdriniaeth|camdrin|cam_driniaeth|bygwth|fygwth|mygwth|"
        "bygythiad|bygythiadau|bygythiol|bygythiodd|bwlio|fwlio|mwlio|bwli|bwlis|cyllell_i|gyllell_i|nghyllell|"
        "arf|arfau|llafnau|curo_fi|nghuro|nghicio|nharo|dyrnu|ddyrnu|cweir|gweir|ngholbio|"
        "colbio|rhoi_tân|roi_tân|cynnau_tân|gynnau_tân|tân_i|ecsbloetio|manteisio_arna|gorfodi|gorfododd|"
        "ngorfodi|orfodi|gorfodwyd|cyffwrdd_â_fi|cyffwrdd_fi|rhywiol|ymosodiad_rhywiol|llosgi_ei|llosgi_cell|"
        "mynd_i_ladd|mynd_i_frifo|ymladdfa|trais|treisgar|dŵr_berw|dwr_berw|sgaldio",
        "mynd|am|eisiau|isio|moyn|gonna|mynd_i|mynd_in *3 ladd|lladd|frifo|brifo|guro|curo|daro|drywanu|"
        "ymosod|losgi|ei_ladd|ei_lladd|cael_e|sortio|dysgu_gwers|talu_nôl|dalu_nôl|ddial|dial "
        "!fy|fyn|yn_hun|n_hun|hun|hunan|ei_hun|ei_hunan",
        # Slang for attacks and the threats around them: a hit, a price on a head, a dead man.
        "jug|jugged|jugging|dip|dipped|dipping|poke|poked|poking|poke_up|poked_up|bang_out|banged_out|"
        "wetted|merk|merked|shank|shanked *1 "
        "him|her|them|you|me|the_nonce|the_grass|that_nonce|that_grass|the_lad|up|in_the_morning|tonight|when|"
        "for_grassing|on_the|the_new|new_arrivals|propa|proper",
        "dead *1 man|men|when|if|as_soon_as|on_sight|meat|the_minute",
        "is|s|he_s|hes|you_re|your|you_are|i_m|i_am|we_re *1 dead *1 when|if|as_soon_as|meat|man|tonight|"
        "tomorrow|for|next",
        "hit|price|bounty|money|contract|green_light|greenlight *2 out|on *1 on|my|his|her *1 head|me|him|her",
        "life|lives *2 in *1 danger",
        "snitches_get_stitches|get_stitches|getting_stitched|stitch_him_up|body_bag|a_body_bag|"
        "put_him_in_hospital|put_you_in_hospital|put_them_in_hospital|hospitalise|hospitalised|"
        "in_a_wheelchair|intensive_care|life_support",
        "break|broke|broken|breaking|smash|smashed|snap|snapped *1 his|her|their|my|your|someone_s *1 jaw|"
        "legs|leg|arm|arms|nose|ribs|fingers|finger|neck|face|wrist|head|skull|teeth",
        "put|putting|slam|slammed|slamming|smashed|smash|bang|banged|threw|throw|throwing|pushed|shoved|"
        "dragged|drag *2 my|his|her|their|me|him|them *1 head|face *2 through|into|against|off|down|along|"
        "by|on",
        "threw|throw|throwing|shoved|shove|pushed|push|pushing|dragged|drag|dragging *1 me|him|her|them|"
        "us|someone *2 against|down|off|over|through|into|along|across|by_my|by_his|by_the",
        "grabbed|grab|grabbing|gripped|held|holding|strangling|pinned|pin *2 me|him|her|them|my|his *1 "
        "throat|neck|by_the_throat|by_the_neck|hair|down|against",
        "neck_hold|choke_hold|chokehold|headlock|knees_on|knee_on|kneeling_on|knelt_on|"
        "pain_compliance|pava|pepper_spray|sprayed_me|sprayed_him|bite_me|bit_me|"
        "set_his_dog|set_the_dog|dog_on_me|black_eye|black_eyes|bruises|bruised|covered_in_bruises|"
        "broken_arm|broke_my|broken_finger|broke_his|two_black_eyes",
        "slit|cut|slice|slash *1 my|his|her|your|their *1 throat|face|neck",
        "burning|lit|flaming|fire *2 blanket|paper|rag|mattress|cell|flap|door|letterbox|through",
        "threw|throw|throwing|chucked|poured *3 boiling|hot|scalding|porridge|tea|water|coffee|kettle|chair|"
        "tray|pool_ball|table|glass|bottle|brick *3 face|at|over|on|in",
        "smashed|hit|whacked|bashed|attacked|struck *2 with *1 a|the *1 tray|chair|pool_cue|pool_ball|"
        "kettle|flask|bottle|sock|padlock|brick|bar|pipe|broom|mop",
        "smacked|slapped|punched|kicked|headbutted|stomped|jumped_on *2 me|him|in_the|on|at|for",
        "stamp|stamped|stamping|stomp|stomped on *1 me|him|her|his|their|my|head|face",
        "find|go_after|hunt|track_down|pay_back|payback|revenge|teach *3 my_ex|her|him|"
        "the_victim|my_victim|what_i_started|when_i_get_out|on_release|family|mum_s|brother",
        "finish|finished *1 what|her|him|them *1 i|off|started",
        "do|get|hurt|visit|burn|torch|done *2 his|her|their *1 family|mum|mums|mum_s|kids|house|missus|"
        "girlfriend|brother|sister",
        "protection_money|paying_protection|pay_protection|pay_for_protection|paying_rent|taxing_me|"
        "running_a_debt|debt_on_me|put_a_debt|owe_them|owe_him",
        "forced|made|making|make|force|forcing|pressured|pressure *3 give|hand_over|have_sex|do_sexual|"
        "sexual|sex|do_stuff|do_things|my_methadone|my_meds|my_canteen|my_vapes|hold|carry",
        "sex|sexual|sexually|exposing|exposed|wanking|masturbating|flashing|pimped|pimping|prostitute|"
        "prostituted|sex_work|nudes|naked_pictures|indecent_images|messaging_kids|messaging_children|"
        "grooming|contacted_by_a_prisoner|asking_to_meet|meet_her|meet_him_when",
        "touched|touch|touching|groped|grabbed|fondled *3 my|his|her|me *1 son|daughter|child|kid|bum|"
        "backside|arse|breasts|chest|privates|crotch|groin|inappropriately|bottom|boobs",
        "inappropriately|inappropriate_touching|indecent|sexual_comments|sexual_remarks",
        "gang|gangs|older_men|older_prisoners|bullies *4 jumping|beating|attacking|battering|robbing|taxing|"
        "bullying|grooming|cuckooing|targeting|forcing|pimping|threatening|held_in",
        "held|kept|locked|trapped *3 in|against *2 cell|will|room|flat",
        "scared|afraid|frightened|terrified|fear|too_scared|petrified *4 for_my_life|to_go_out|of_being|"
        "of_them|to_leave|to_come_out|to_say_who|of_getting|they_will|they_ll|he_ll|he_will|to_tell",
        "blade|blades|tool|tools|shank|weapon|knife *2 in|under|on|ready|for|and|hidden|stashed *2 gym|"
        "changing_room|cell|pad|mattress|shower|yard|when|him|use_it|it",
        "taflu|daflu|taflodd|thaflu *3 dŵr|dwr|berw|berwedig|cadair|dŵr_berwedig|dwr_berwedig",
        "tagu|nhagu|dagu|mygu|fygu|nghrogi|gwddf|ngwddf|gwddw|ngwddw",
        "mrifo|mwrw|fwrw_i|nhorri_i|nghuro|nyrnu|dyrnu|ddyrnu|llusgo|lusgo|gafaelodd|dial|ddial|pris_ar|"
        "cyffyrddodd|amhriodol|meithrin_perthynas|cam_drin|camdrin|lygad_ddu|llygad_ddu|cleisiau|"
        "torri_braich|torri_ei_fraich|torri_fy_mraich",
    ),
}
# Who counts as staff when someone alleges wrongdoing, and the wrongdoing itself.
_STAFF = (
    "officer|officers|screw|screws|guard|guards|gov|guv|governor|staff|staff_member|member_of_staff|kanga|kangas|"
    "warder|nurse|nurses|doctor|healthcare|teacher|tutor|instructor|chaplain|cm|custody_manager|oso|"
    "supervising_officer|wing_manager|manager|key_worker|keyworker|prison_officer|probation_officer|"
    "worker|matron|dog_handler|security|dst|tornado|mr|mrs|ms|sir|boss|uniform|uniforms|"
    "swyddog|swyddogion|staff|nyrs|athro|athrawes|gwarchodwr|llywodraethwr|rheolwr|sgriw|sgriws|gard|gardiau|"
    "sgriwiau|meddyg|staff_y_carchar"
)
_WRONGDOING = (
    "hit|hits|hitting|punched|punch|punches|kicked|kick|kicking|slapped|slap|slaps|assaulted|assault|assaults|"
    "abused|abuse|abusing|abusive|threatened|threaten|threatening|threats|racist|racial|racially|n_word|"
    "sexual|sexually|touched|touching|touch_me|groped|grope|bribe|bribed|bribes|bribing|smuggle|smuggled|"
    "smuggling|bring_in|brings_in|bringing_in|brought_in|selling_drugs|sells_drugs|sells_spice|selling_spice|"
    "dealing_drugs|deals_drugs|supplying|supplies_spice|supplies_drugs|drugs_in|spice_in|phones_in|"
    "restrained|restrain|restraint|excessive_force|too_much_force|unnecessary_force|use_of_force|bent_my|"
    "twisted_my|twisting_my|bent_back|dragged|drag|spat|spit|beat|beaten|beating|battered|batter|bashed|"
    "stamped_on|kneed|knee_on|headbutted|choked|strangled|strip_searched|stripped|pushed|shoved|slammed|"
    "throttled|hurt_me|hurt_him|hurt_us|injured_me|left_me_bruised|bruises|bruised|broke_my|broken_my|"
    "broke_his|harassed|harass|harassing|harassment|bully|bullied|bullying|bullies|victimised|victimise|"
    "victimising|picking_on|picks_on|targeting|targeted|set_me_up|planted|stole|stolen|steal|stealing|"
    "withheld|withholding|refused_my_meds|refusing_my_meds|denied_my_meds|as_punishment|as_a_punishment|"
    "corrupt|bent_screw|relationship_with|sleeping_with|affair|inappropriate|called_me_a|calls_me_a|"
    "called_him_a|calls_him_a|called_us|slur|slurs|mocked|tortured|humiliated|wound_up|provoked|lied_about|"
    "covered_up|cover_up|falsified|fitted_me_up|fitted_up|paid_off|took_money|takes_money|backhander|"
    "taro|nharo|daro|bygwth|fygwth|mygwth|cicio|nghicio|ngham_drin|cam_drin|camdrin|hiliol|rhywiol|cyffwrdd|"
    "llwgrwobr|smyglo|cyffuriau|anafu|brifo|frifo|gwthio|ngwthio|llusgo|ymosod|ymosododd|ngholbio|colbio|dyrnu"
)
ALLEGATION_WINDOW = 8
COMPLAINT = ("complain", "complaint", "complaints", "comp1", "comp 1", "ombudsman", "cwyn", "cwyno")
# Figurative uses of the rules' words, removed before the rules read the text: what someone wrote
# about food, queues or missing their children is not a safeguarding concern.
FIGURATIVE = (
    "is|are|was|were|keeps|been|its|s|it_is|thats *1 killing|murdering|doing_my_head_in *1 me|us|my",
    "could|would|i|id|do_anything *1 kill|murder|die *1 for *1 a|an|some|another",
    "could|would|i|id *1 murder|kill *1 a|an *1 brew|cuppa|tea|coffee|pint|curry|burger|kebab|pizza|chippy|"
    "mcdonalds|maccies|nandos|kfc|greggs|subway|roll|bacon_roll|sausage_roll|"
    "fag|smoke|vape|bacon|sandwich|cake|roast|decent|proper|bath|shower|takeaway|full_english|fry_up|"
    "steak|chocolate|beer|lager",
    "dying|die|dyin *1 to|for *2 see|hug|get|go|have|smoke|fag|brew|cuppa|know|hear|meet|be|try|tell|talk|"
    "use|start|a|an|some|my|the|out|home",
    "killing|kill *1 time|the_time|some_time|an_hour|the_boredom|boredom|the_hours|the_days",
    "bored|bore|boring|bored_me *1 to *1 death|tears",
    "nearly|almost|could_have|could|i|we|literally *1 died|die|dead *1 laughing|of_laughter|of_embarrassment|"
    "of_shame|of_boredom|of_cold|of_hunger|from_the_heat|of_thirst",
    "kills|killed|killing|destroyed|murdered *1 my|me *1 back|legs|knees|arms|feet|head|mood|buzz|vibe|"
    "sleep|hands|shoulder|knee",
    "killing|killed|smashed|smashing|nailed *1 it|the_game|at|my_course|the_exam|the_test",
    "cut|cutting|cuts *1 down|back|out|off|my_hair|his_hair|hair|the_grass|the_queue|the_line|the_budget|"
    "the_funding|funding|budget|prices|hours|visits|time|association|classes|staff|short|corners|the_cake|"
    "the_cord|the_cost|costs|the_bread|bread|wages|pay|my_pay|my_wages|our_time|our_pay|our_association",
    "were|was|got|been|getting|are|have_been|keep_getting *1 cut",
    "hang|hanging|hung on|out|about|around|in_there|with|onto|up_the_phone|up_my|up_the|up_washing|"
    "off_the_line|up_on_me|round",
    "hang|hanging|hung *1 washing|clothes|pictures|photos|posters|towel|my_washing|my_clothes|a_picture",
    "panic|asthma|heart|anxiety|angina|migraine|gout *1 attack|attacks|attacked",
    "attack|attacks|attacked of|last_night",
    "had|having|have|get *1 an|a *1 attack|attacks",
    "hit|hits|hitting|pressed|press *1 the|his|her|a *1 alarm|button|bell|cell_bell|gym|wall|roof|deck|"
    "ceiling|road|jackpot|target|targets|books|shops|canteen|weights",
    "beat|beaten|beats|battered|smashed|thrashed *2 at|by|in *2 pool|cards|chess|pingpong|ping_pong|"
    "table_tennis|darts|football|fifa|game|scrabble|dominoes|quiz|five_a_side|the_gym|a_race",
    "battered *1 fish|cod|sausage|haddock|chips|mars_bar",
    "fire|smoke *1 alarm|alarms|drill|drills|door|doors|safety|exit|officer|extinguisher|evacuation",
    "plastic|blunt *1 knife|knives|fork|cutlery",
    "knife|knives *1 and *1 fork|forks",
    "suicide|self_harm|acct|safer_custody *3 prevention|awareness|course|training|team|line|helpline|"
    "listener|listeners|coordinator|lead|leaflet|information|posters|policy|champion|champions|strategy|"
    "support|samaritans|first_aid|reviews|review|meeting|meetings|process|procedure|paperwork",
    "killing|kill *1 off *1 the|my *1 plant|plants|germs|bacteria|mood",
    "mum|mam|nan|nain|missus|mrs|wife|sister|dad|brother|girlfriend|family|solicitor|mother|gran|mam_i|"
    "fy_mam|partner|misses *5 kill|murder|lladd|ladd *1 me|fi|i",
    "kill|smash|nail|ace|murder *1 this|my|the *1 interview|exam|test|parole|hearing|course",
    "knock *1 them|em|him|her *1 dead",
    "atal|ymwybyddiaeth|hyfforddiant|cwrs|tîm|tim|grŵp|grwp *1 hunanladdiad|hunan_niweidio|hunan_niwed",
    "cyllell|gyllell|nghyllell *1 a|fara|blastig|fforc",
    "curo|guro|nghuro *4 pŵl|pwl|gêm|gem|cardiau|gwyddbwyll|pêl_droed|snwcer|dartiau",
    "over *1 my *1 dead *1 body",
    "choke|choked|choking *1 on *2 fish|fishbone|bone|food|sweet|crisp|water|drink|biscuit|chicken|dinner",
    "choke|choked|choking *1 in|under|back *1 exams|exam|pressure|interviews|tests|on|the",
    "someone|somebody|rhywun *2 is? *1 choking|tagu",
    "tagu|dagu *2 ar *1 asgwrn|bwyd|pysgodyn|fy_mwyd",
    "secret_weapon|weapon_of_choice|weapons_amnesty|weapons_of|weapon_of",
    "overdose|overdosed|overdoses|overdosing *1 of|on *1 custard|chocolate|sugar|cake|sweets|telly|tv|caffeine",
    "naloxone *10 overdose|overdosing|gorddosio|gorddos",
    "suicide_squad|suicide_is_painless|social_suicide|career_suicide",
    "nothing|can_not|cant|never|hard_to *1 beat|beats",
    "stab|stabbed|stabbing *1 in *1 the *1 back|dark",
    "stab_vest|stab_vests|stab_proof|have_a_stab|take_a_stab|had_a_stab|stab_at",
    "punch_bag|punchbag|punching_bag|punch_line|punchline|fruit_punch",
    "heat|this|it|noise|boredom|paperwork|queue|waiting|wait|food|job|course|exam|gym|workout|back|legs|feet|"
    "knees|head|cold|place|weather *4 kill|killing|murder *1 me|us",
    "used_to|arfer *3 self_harm|cut_myself|cutting|harm_myself|hunan_niweidio|torri_fy_hun|overdose *4 years|"
    "ago|when_i_was|as_a|flynyddoedd|pan_on_i|back",
    "years|year|flynyddoedd *2 ago|yn_ôl|back *3 used_to|arfer *2 cut_myself|self_harm|harm_myself|"
    "hunan_niweidio|torri_fy_hun|cut|overdose",
    "cam_drin *1 y *1 ddiod|alcohol|cyffuriau|diod",
    "hit|hits|hitting *1 him|her|them *1 hard|home|badly",
    "will_not|wont|would_not|not|never|do_not *1 touch *1 me|us|him|you",
    "like|as_if|sounds_like|as_though *3 murder|murdered|kill|killed|dying|dead|die|strangle|stab",
    "workout|gym|leg_day|circuits|training|run|session|class|pt|spin|weights *4 kill|killed|destroyed|"
    "murder|finished|nearly_killed",
    "will|ll|gonna|going_to|would|is_going_to|is_gonna *1 kill|murder *1 me|us *1 if|when|for|haha|lol",
    "stab|stabbed|stabbing *1 with|by *1 needles|needle|a_needle|injections|an_injection",
    "set_fire_to|burnt|burned|burn|set_alight *1 my|the *1 toast|food|dinner|tea|pizza|chips|rice|pan|popcorn|"
    "noodles|bread|curry",
    "hit|hits|banged|bumped|hitting|banging *1 my|his|her *1 head|shin|leg|knee|elbow|toe|arm|hand *1 on "
    "*1 the|a|my *1 bunk|bed|bed_frame|cupboard|shelf|locker|table|ceiling|top_bunk|door_frame|window|sink",
    "hit|hits|hitting|hit_me|hits_me *1 me|us|home|everyone *1 hard|home|badly|harder",
    "still_hits_me|really_hit_home|hit_home|hits_home|hit_the_spot|hits_the_spot|hit_and_miss|hit_or_miss",
    "hit|hitting|hits *1 with *1 a? *1 fine|bill|charge|sanction|fee|debt|nicking|adjudication|recall",
    "mice|rats|wasps|flies|bugs|cockroaches|pests|pest_control|nest|spiders|ants|mouse|rat *6 kill|killed",
    "overdose|naloxone|drug|drugs *2 awareness|risk|risks|training|prevention|kit|kits|course|session|talk",
    "lladd|ladd *1 amser|am",
    "yn|n *1 fy|ein|eich *1 lladd|ladd *1 i|ni|chi",
    "lladd|ladd *1 fy *1 nghoesau|nghefn|nhraed|mhen|mhengliniau|nghorff",
    "yn|n|larwm|larymau *1 tân|dân|thân",
    "cyllell|cyllyll|gyllell *1 plastig|blastig|fara",
    "deadline|deadlines|dead_end|dead_on|dead_good|dead_nice|dead_quiet|dead_slow|dead_bored|dead_tired|"
    "dead_easy|dead_cold|dead_hard|dead_long|dead_boring|dead_funny|dead_friendly|dead_helpful|drop_dead|"
    "dead_time|dead_battery|dead_phone|phone_died|phone_is_dead|battery_died|battery_is_dead|dead_weight",
    "sexual_health|sexual_health_clinic|sexual_health_nurse",
    "mae|mae_r|maer|mae_y *3 ciw|bwyd|aros|diflastod|sŵn|swn|oerfel|gwres|cefn *3 lladd|ladd|fy_lladd",
    "marw|farw *1 eisiau|isio|moyn *1 gweld|cael|gwybod|mynd|siarad|clywed|dod",
    "llosgi|losgi *1 tost|bwyd|y_tost|y_bwyd|swper",
)


@cache
def _compiled(specs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern(spec)})" for spec in specs))


_STAFF_WORDS = _compiled((_STAFF,))
_WRONGDOING_WORDS = _compiled((_WRONGDOING,))
# A staff title, then a capitalised name: "Mr Pryce", "Officer Dale", "Miss B".
_NAMED_STAFF = re.compile(r"\b(?:Mr|Mrs|Miss|Ms|Mx|Officer|Gov|Guv|Sir|Nurse|Dr|SO|CM|OSO)\.? [A-Z][a-z'-]*", re.U)


def _without_figurative(line: str) -> str:
    return _compiled(FIGURATIVE).sub("  ", line)


def _names_staff(line: str, original: str) -> bool:
    return bool(_STAFF_WORDS.search(_without_figurative(line)) or _NAMED_STAFF.search(original))


def _allegation(line: str, original: str) -> bool:
    """A member of staff (by role, or by title and name) within a few words of wrongdoing."""
    staff = [m.start() for m in _STAFF_WORDS.finditer(line)]
    if not staff and not _NAMED_STAFF.search(original):
        return False
    wrong = [m.start() for m in _WRONGDOING_WORDS.finditer(line)]
    if not wrong:
        return False
    if not staff:  # named by title in the original text: any wrongdoing in what they wrote
        return True
    positions = [len(line[:p].split()) for p in staff]
    return any(abs(len(line[:w].split()) - s) <= ALLEGATION_WINDOW for w in wrong for s in positions)


# How the two readers combine: a rule's match stands unless the classifier all but rules it out (the
# figurative uses no rule foresaw); the classifier alone raises a concern at a level where, in
# five-fold cross-validation on the training set, it alone found about nine in ten of each concern
# with fewer than one ordinary line in twenty alerting (decision 28).
RULE_FLOOR = 0.05
CLASSIFIER_ALONE = {Concern.SELF_HARM.value: 0.4, Concern.HARM_TO_OTHERS.value: 0.45}
# The classifier learnt "officer" as much as wrongdoing (alone it flagged "the officer on the wing
# helps me"), so it finds an allegation only where the text names a member of staff.
CLASSIFIER_WITH_STAFF = 0.9
# A line of a word or two gives the classifier almost nothing to go on, and its balanced classes
# then put an empty line near even odds ("no" scored 0.5): such lines are left to the rules, which
# know the short ways of saying it ("kms", "ctb", "suicidal").
CLASSIFIER_MIN_WORDS = 3
# Longer texts are screened by the rules alone: the classifier was trained on lines of feedback.
CLASSIFIER_MAX_CHARS = 2000


_COMPLAINT_WORDS = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in COMPLAINT) + ")", re.IGNORECASE)


def ruled(text: str) -> set[str]:
    """The concerns the rules alone find in a text (before the classifier has its say)."""
    return _by_rules(stems(text), text)


def _by_rules(stemmed: str, original: str) -> set[str]:
    line = _without_figurative(stemmed)
    found = {concern.value for concern, specs in RULES.items() if _compiled(specs).search(line)}
    if _allegation(line, original):
        found.add(Concern.STAFF_ALLEGATION.value)
    return found


def concerns(*texts: str) -> set[str]:
    """The concerns raised by any of the texts (see RULES); an empty set when none."""
    original = " ".join(t for t in texts if t)
    if not original.strip():
        return set()
    stemmed = stems(original)
    by_rules = _by_rules(stemmed, original)
    if len(original) > CLASSIFIER_MAX_CHARS:
        found = by_rules
    else:
        chances = classifier.model().probabilities(stemmed)
        found = {c for c in by_rules if chances[c] >= RULE_FLOOR}
        if len(stemmed.split()) >= CLASSIFIER_MIN_WORDS:
            found |= {c for c, least in CLASSIFIER_ALONE.items() if chances[c] >= least}
        if chances[Concern.STAFF_ALLEGATION] >= CLASSIFIER_WITH_STAFF and _names_staff(stemmed, original):
            found.add(Concern.STAFF_ALLEGATION.value)
    if _COMPLAINT_WORDS.search(original):
        found.add(Concern.COMPLAINT.value)
    return found
