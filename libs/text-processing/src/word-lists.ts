/** English function words: they carry no topic and are dropped from search terms. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before
  being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
  don't down during each either etc few for from further had hadn't has hasn't have haven't having
  he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if
  in into is isn't it it's its itself let's me more most mustn't my myself neither no nor not of
  off on once only or other ought our ours ourselves out over own same shan't she she'd she'll
  she's should shouldn't so some such than that that's the their theirs them themselves then there
  there's these they they'd they'll they're they've this those through to too under until up upon
  us very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's
  whether which while who who's whom whose why why's will with won't would wouldn't yet you you'd
  you'll you're you've your yours yourself yourselves also just may might must shall
  s t d ll m o re ve y`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Everyday content words that appear in texts about anything. They still match, but weigh less
 * than the words that name a topic; a static stand-in for IDF where no corpus is at hand.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `able accept access account across act action actually add added adding addition additional
  affect afterwards ago allow allowed allows almost alone along already although always among
  amount another answer anyone anything anyway anywhere appear apply approach appropriate area
  around ask asked asking available avoid away back bad base based basic basically become becomes
  begin beginning behavior behaviour believe best better big bit call called calls came can't
  care carry case cases cause certain change changed changes changing check choose chosen clear
  clearly close come comes common complete completely consider contain contains continue correct
  could couldn course currently day days deal decide default define defined depend depending
  describe described detail details different directly do does done easy easily effect either
  else enable enough ensure entire even ever every everything exact exactly example examples
  except exist existing exists expect explain fact fail far fast feel few fine first follow
  following form found free full fully general generally get gets getting give given gives go
  goes going gone good got great group happen happens hard help helps high however idea
  important include included includes including indeed instead interest keep kind know known
  large last later least leave less level like likely line little long look looking lot low
  made main make makes making many mean means meant method might mind minute minutes mode
  moment much name named near nearly necessary need needed needs never new next nice none
  normal normally note nothing notice now number often old one ones open order ordinary
  otherwise overall part particular perhaps place please point possible possibly prefer present
  pretty probably problem problems proper properly provide provided provides purpose put quite
  rather read real really reason recent regular related relevant remain require required
  requires rest result results return right run running said say says second see seem seems
  seen set sets several short show shown side similar simple simply since single small
  something sometimes soon sort specific start started state step still stop sure take taken
  takes tell tells term terms thing things think though thought three time times today together
  took toward try trying turn two type types typical typically unless unlike usable use used
  useful user's uses using usual usually value various want wanted wants way ways well went
  whatever whenever whole within without word words work worked works world would write year
  years yes`
    .split(/\s+/)
    .filter(Boolean),
);
